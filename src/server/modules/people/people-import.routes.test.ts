import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PEOPLE_CSV_COLUMNS } from '#contracts/people-import.ts'
import type { Db } from '#server/db/connect.ts'
import type { PersonRow } from '#server/db/schema.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { applyPeopleImport } from './people-import.service.ts'

let t: TestApp
let orgId: string
let admin: PersonRow
let adminHeaders: Record<string, string>
let participantHeaders: Record<string, string>
let outsiderAdminHeaders: Record<string, string>
let outsider: PersonRow

const HEADER = PEOPLE_CSV_COLUMNS.join(',')

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  await seedDefaultSkills(t.db, org.id)
  admin = await buildPerson(t.db, {
    organizationId: org.id,
    role: 'admin',
    email: 'admin@acme.test',
    name: 'Ada Admin',
  })
  adminHeaders = await sessionHeadersFor(t.db, admin)
  participantHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id }))
  const otherOrg = await buildOrganization(t.db)
  outsider = await buildPerson(t.db, { organizationId: otherOrg.id, email: 'olga@other.test', name: 'Olga' })
  outsiderAdminHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: otherOrg.id, role: 'admin' }),
  )
})
afterAll(() => t.close())

const viewerOf = (person: PersonRow): Viewer => ({
  personId: person.id,
  organizationId: person.organization_id,
  role: person.role,
  name: person.name,
  email: person.email,
  sessionId: 'test',
  csrfToken: 'test',
  address: null,
})

function line(values: Partial<Record<(typeof PEOPLE_CSV_COLUMNS)[number], string>>): string {
  const defaults = {
    time_zone: 'Europe/Paris',
    languages: 'en;fr',
    seniority: '3',
    working_hours_start: '09:00',
    working_hours_end: '17:00',
    role: 'participant',
    status: 'active',
  }
  const merged: Record<string, string> = { ...defaults, ...values }
  return PEOPLE_CSV_COLUMNS.map((column) => {
    const value = merged[column] ?? ''
    return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
  }).join(',')
}

async function upload(csv: string, headers = adminHeaders) {
  return t.app.inject({ method: 'POST', url: '/api/people/imports', headers, payload: { fileName: 'people.csv', csv } })
}

async function apply(importId: string, headers = adminHeaders, payload?: { sendInvitations: boolean }) {
  return t.app.inject({ method: 'POST', url: `/api/people/imports/${importId}/apply`, headers, payload })
}

async function invitationEmailsTo(email: string) {
  return t.db
    .selectFrom('outbox_emails')
    .select(['subject', 'text_body'])
    .where('to_address', '=', email)
    .where('kind', '=', 'invitation')
    .execute()
}

async function accessOf(email: string, headers = adminHeaders) {
  const response = await t.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent(email)}`, headers })
  return response.json().people[0].access
}

/** Every column of every person of every organization, in a stable order. */
async function dumpPeople(db: Db) {
  return db.selectFrom('people').selectAll().orderBy('id').execute()
}

const teamCsv = () =>
  [
    HEADER,
    line({ email: 'cara@acme.test', employee_id: 'A1', name: 'Cara Chief', title: 'CEO', department: 'Board' }),
    line({
      email: 'dan@acme.test',
      employee_id: 'A2',
      name: 'Dan Director',
      department: 'Sales',
      manager_email: 'cara@acme.test',
      skills_offered: 'negotiation;public-speaking',
      skills_wanted: 'giving-feedback',
    }),
    line({ email: 'eve@acme.test', employee_id: 'A3', name: 'Eve, Engineer', department: 'R&D', manager_email: 'A2' }),
    line({
      email: 'fay@acme.test',
      employee_id: 'A4',
      name: 'Fay Former',
      manager_email: 'dan@acme.test',
      status: 'left',
      left_on: '2026-06-30',
    }),
  ].join('\n')

describe('import: preview', () => {
  test('reports each bad row on the right row and column, and changes no one', async () => {
    const before = await dumpPeople(t.db)
    const csv = [
      HEADER,
      line({ email: 'ok@acme.test', name: 'Okay' }),
      line({ email: 'tz@acme.test', name: 'Bad Zone', time_zone: 'Europe/Atlantis' }),
      line({ email: 'mgr@acme.test', name: 'No Manager', manager_email: 'ghost@acme.test' }),
      line({ email: 'ok@acme.test', name: 'Okay Again' }),
      line({ email: 'sen@acme.test', name: 'Too Senior', seniority: '12' }),
      line({ email: 'lang@acme.test', name: 'Klingon', languages: 'tlh' }),
      line({ email: 'olga@other.test', name: 'Olga' }),
      line({ email: 'p@acme.test', name: 'P', manager_email: 'q@acme.test' }),
      line({ email: 'q@acme.test', name: 'Q', manager_email: 'p@acme.test' }),
    ].join('\n')
    const response = await upload(csv)
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toMatchObject({ status: 'previewed', canApply: false, fileName: 'people.csv' })
    expect(body.counts).toEqual({ create: 0, update: 0, unchanged: 0, error: 9 })
    const errorAt = (row: number) => body.rows.find((entry: { row: number }) => entry.row === row).errors
    expect(errorAt(2)).toEqual([{ column: 'email', message: 'the same email is also on row 5' }])
    expect(errorAt(3)).toEqual([expect.objectContaining({ column: 'time_zone' })])
    expect(errorAt(4)).toEqual([expect.objectContaining({ column: 'manager_email' })])
    expect(errorAt(5)).toEqual([{ column: 'email', message: 'the same email is also on row 2' }])
    expect(errorAt(6)).toEqual([expect.objectContaining({ column: 'seniority' })])
    expect(errorAt(7)).toEqual([expect.objectContaining({ column: 'languages' })])
    expect(errorAt(8)).toEqual([{ column: 'email', message: 'is used by an account of another organization' }])
    expect(errorAt(9)[0].message).toMatch(/reporting cycle/)
    expect(errorAt(10)[0].message).toMatch(/reporting cycle/)
    expect(await dumpPeople(t.db)).toEqual(before)

    const again = await t.app.inject({ method: 'GET', url: `/api/people/imports/${body.id}`, headers: adminHeaders })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(body)

    const refused = await apply(body.id)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.code).toBe('import_has_errors')
    expect(await dumpPeople(t.db)).toEqual(before)
  })

  test('a bad header -> 400 csv_invalid naming the missing columns', async () => {
    const response = await upload('mail,full_name\nx@acme.test,X')
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('csv_invalid')
    expect(response.json().error.message).toContain('missing columns: email, name')
  })

  test('accepts a raw text/csv body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/people/imports?fileName=raw.csv',
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: `${HEADER}\n${line({ email: 'raw@acme.test', name: 'Raw' })}\n`,
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ fileName: 'raw.csv', counts: { create: 1 } })
  })

  test('participants get 403, no session 401, another organization 404', async () => {
    const csv = `${HEADER}\n${line({ email: 'sneaky@acme.test', name: 'Sneaky' })}`
    expect((await upload(csv, participantHeaders)).statusCode).toBe(403)
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/people/imports', payload: { csv } })
    expect(anonymous.statusCode).toBe(401)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/people/export.csv', headers: participantHeaders })).statusCode,
    ).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/people/export.csv' })).statusCode).toBe(401)

    const mine = (await upload(csv)).json()
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/people/imports/${mine.id}`,
      headers: outsiderAdminHeaders,
    })
    expect(peek.statusCode).toBe(404)
    expect((await apply(mine.id, outsiderAdminHeaders)).statusCode).toBe(404)
    expect((await apply(mine.id, participantHeaders)).statusCode).toBe(403)
    const found = await t.db.selectFrom('people').select('id').where('email', '=', 'sneaky@acme.test').execute()
    expect(found).toEqual([])
  })
})

describe('import: apply', () => {
  test('creates people invited without a password, with managers resolved, leavers deactivated', async () => {
    const preview = (await upload(teamCsv())).json()
    expect(preview.counts).toEqual({ create: 4, update: 0, unchanged: 0, error: 0 })
    expect(preview.canApply).toBe(true)
    const response = await apply(preview.id)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: preview.id, status: 'applied', counts: preview.counts })

    const people = await t.db.selectFrom('people').selectAll().where('organization_id', '=', orgId).execute()
    const byEmail = new Map(people.map((person) => [person.email, person]))
    const dan = byEmail.get('dan@acme.test')!
    expect(dan).toMatchObject({
      status: 'invited',
      password_hash: null,
      manager_id: byEmail.get('cara@acme.test')!.id,
      skills_offered: ['negotiation', 'public-speaking'],
      languages: ['en', 'fr'],
      time_zone: 'Europe/Paris',
    })
    expect(byEmail.get('eve@acme.test')).toMatchObject({ name: 'Eve, Engineer', manager_id: dan.id })
    expect(byEmail.get('fay@acme.test')).toMatchObject({ status: 'deactivated', left_on: '2026-06-30' })
    expect(byEmail.get('fay@acme.test')!.deactivated_at).not.toBeNull()

    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'people.imported')
      .where('target_id', '=', preview.id)
      .executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(admin.id)

    const twice = await apply(preview.id)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('import_already_applied')
  })

  test('importing the same file again: all unchanged, no duplicates', async () => {
    const before = await dumpPeople(t.db)
    const preview = (await upload(teamCsv())).json()
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: 4, error: 0 })
    expect((await apply(preview.id)).statusCode).toBe(200)
    expect(await dumpPeople(t.db)).toEqual(before)
  })

  test('a changed file updates by email or employee id, never duplicates', async () => {
    const csv = [
      HEADER,
      // Same employee id, new email: the same person, renamed.
      line({
        email: 'dan.d@acme.test',
        employee_id: 'A2',
        name: 'Dan Director',
        department: 'Sales',
        manager_email: 'cara@acme.test',
      }),
      line({
        email: 'eve@acme.test',
        employee_id: 'A3',
        name: 'Eve Engineer',
        department: 'R&D',
        manager_email: 'cara@acme.test',
      }),
    ].join('\n')
    const preview = (await upload(csv)).json()
    expect(preview.counts).toEqual({ create: 0, update: 2, unchanged: 0, error: 0 })
    const countBefore = (await dumpPeople(t.db)).length
    expect((await apply(preview.id)).statusCode).toBe(200)
    expect((await dumpPeople(t.db)).length).toBe(countBefore)
    const dan = await t.db.selectFrom('people').selectAll().where('employee_id', '=', 'A2').executeTakeFirstOrThrow()
    expect(dan.email).toBe('dan.d@acme.test')
    // Columns left empty in the file cleared the skills.
    expect(dan.skills_offered).toEqual([])
  })

  test('export -> import round-trips as all unchanged', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/people/export.csv', headers: adminHeaders })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toContain('text/csv')
    const csv = exported.body
    expect(csv.split('\n')[0]).toBe(`${HEADER},working_days`)
    expect(csv).toContain('fay@acme.test')
    expect(csv).toContain(',left,2026-06-30,')
    expect(csv).not.toContain('olga@other.test')
    const rows = csv.trim().split('\n').length - 1
    const count = await t.db.selectFrom('people').select('id').where('organization_id', '=', orgId).execute()
    expect(rows).toBe(count.length)

    const preview = (await upload(csv)).json()
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: rows, error: 0 })
  })

  test('a failure half-way through leaves the database exactly as before', async () => {
    const lines = [HEADER]
    for (let index = 0; index < 60; index++) {
      lines.push(
        line({
          email: `bulk${index}@acme.test`,
          employee_id: `B${index}`,
          name: `Bulk ${index}`,
          manager_email: index === 0 ? 'cara@acme.test' : `bulk${index - 1}@acme.test`,
        }),
      )
    }
    // Existing people are updated in the same import, so the failure interrupts updates too.
    lines.push(
      line({ email: 'cara@acme.test', employee_id: 'A1', name: 'Cara Changed', title: 'CEO', department: 'Board' }),
    )
    const preview = (await upload(lines.join('\n'))).json()
    expect(preview.counts).toEqual({ create: 60, update: 1, unchanged: 0, error: 0 })

    const before = await dumpPeople(t.db)
    const auditBefore = await t.db.selectFrom('audit_events').selectAll().orderBy('id').execute()
    const seen: number[] = []
    await expect(
      applyPeopleImport(t.db, viewerOf(admin), preview.id, t.clock.now(), {
        batchSize: 10,
        onRow: (row) => {
          seen.push(row)
          if (row === 32) throw new Error('forced failure in the middle of the rows')
        },
      }),
    ).rejects.toThrow('forced failure')
    // Three batches of 10 were written before the failure: it really was half-way.
    expect(seen.length).toBe(31)
    expect(await dumpPeople(t.db)).toEqual(before)
    expect(await t.db.selectFrom('audit_events').selectAll().orderBy('id').execute()).toEqual(auditBefore)
    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/people/imports/${preview.id}`,
      headers: adminHeaders,
    })
    expect(stored.json().status).toBe('previewed')

    // The same import applies cleanly afterwards.
    const applied = await apply(preview.id)
    expect(applied.statusCode).toBe(200)
    const last = await t.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 'bulk59@acme.test')
      .executeTakeFirstOrThrow()
    const previous = await t.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'bulk58@acme.test')
      .executeTakeFirstOrThrow()
    expect(last.manager_id).toBe(previous.id)
  })

  test('an import re-validates on apply: a person who joined another organization meanwhile blocks it', async () => {
    const preview = (await upload(`${HEADER}\n${line({ email: 'late@acme.test', name: 'Late' })}`)).json()
    expect(preview.canApply).toBe(true)
    await buildPerson(t.db, { organizationId: outsider.organization_id, email: 'late@acme.test' })
    const response = await apply(preview.id)
    expect(response.statusCode).toBe(422)
    const report = (
      await t.app.inject({ method: 'GET', url: `/api/people/imports/${preview.id}`, headers: adminHeaders })
    ).json()
    expect(report.rows[0].errors[0].column).toBe('email')
  })

  test('marking people as left revokes their sessions', async () => {
    const person = await buildPerson(t.db, { organizationId: orgId, email: 'leaving@acme.test', name: 'Leaving' })
    const headers = await sessionHeadersFor(t.db, person)
    expect((await t.app.inject({ method: 'GET', url: '/api/me/profile', headers })).statusCode).toBe(200)
    const preview = (
      await upload(`${HEADER}\n${line({ email: 'leaving@acme.test', name: 'Leaving', status: 'left' })}`)
    ).json()
    expect((await apply(preview.id)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/me/profile', headers })).statusCode).toBe(401)
    const sessions = await t.db.selectFrom('auth_sessions').selectAll().where('person_id', '=', person.id).execute()
    expect(sessions.every((session) => session.revoked_at !== null)).toBe(true)
  })
})

describe('import: names and invitations (issue #15)', () => {
  test('accepts skills by the Skills page name or slug and languages by English name; refuses an unknown skill with close names', async () => {
    const preview = (
      await upload(
        [
          HEADER,
          line({
            email: 'names@acme.test',
            name: 'Names',
            languages: 'English;german',
            skills_offered: 'Giving feedback',
          }),
          line({ email: 'facil@acme.test', name: 'Facil', skills_wanted: 'facilitating MEETINGS and workshops' }),
          line({ email: 'typo@acme.test', name: 'Typo', skills_offered: 'Giving feedbak' }),
        ].join('\n'),
      )
    ).json()
    expect(preview.rows.map((row: { errors: unknown[] }) => row.errors)).toEqual([
      [],
      [],
      [
        {
          column: 'skills_offered',
          message: expect.stringMatching(/^not in the skill catalogue: "Giving feedbak" \(close: Giving feedback/),
        },
      ],
    ])
  })

  test('applying sends each new person one invitation (not to people marked left); their status is "invited" until the link expires', async () => {
    const csv = [
      HEADER,
      line({ email: 'inv1@acme.test', name: 'Inv One', skills_offered: 'Giving feedback', languages: 'English' }),
      line({ email: 'inv2@acme.test', name: 'Inv Two' }),
      line({ email: 'inv3@acme.test', name: 'Inv Three', status: 'left' }),
    ].join('\n')
    const preview = (await upload(csv)).json()
    const response = await apply(preview.id)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ invitationsSent: 2 })
    expect(await invitationEmailsTo('inv1@acme.test')).toHaveLength(1)
    expect(await invitationEmailsTo('inv2@acme.test')).toHaveLength(1)
    expect(await invitationEmailsTo('inv3@acme.test')).toHaveLength(0)
    const inv1 = await t.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'inv1@acme.test')
      .executeTakeFirstOrThrow()
    const link = await t.db
      .selectFrom('email_tokens')
      .select('expires_at')
      .where('person_id', '=', inv1.id)
      .executeTakeFirstOrThrow()
    expect(link.expires_at.getTime() - Date.parse(response.json().appliedAt)).toBe(7 * 24 * 3600 * 1000)
    expect(await accessOf('inv1@acme.test')).toEqual({ status: 'invited', invitedUntil: link.expires_at.toISOString() })
    expect(await accessOf('inv3@acme.test')).toEqual({ status: 'deactivated', invitedUntil: null })
    const invited = await t.app.inject({
      method: 'GET',
      url: '/api/people?access=invited&q=inv',
      headers: adminHeaders,
    })
    expect(
      invited
        .json()
        .people.map((person: { email: string }) => person.email)
        .sort(),
    ).toEqual(['inv1@acme.test', 'inv2@acme.test'])

    // Once the link has expired, the person is not invited any more.
    await t.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.parse(response.json().appliedAt) - 1000) })
      .where('person_id', '=', inv1.id)
      .execute()
    expect(await accessOf('inv1@acme.test')).toEqual({ status: 'not_invited', invitedUntil: null })
  })

  test('the template has every column and an example row that previews without errors', async () => {
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/people/import-template.csv',
      headers: adminHeaders,
    })
    expect(template.statusCode).toBe(200)
    const [header, example] = template.body.trim().split('\n')
    expect(header).toBe([...PEOPLE_CSV_COLUMNS, 'working_days'].join(','))
    const preview = (await upload(template.body.replace('lead.designer@example.com', 'admin@acme.test'))).json()
    expect(preview.rows[0].errors).toEqual([])
    expect(example).toContain('Portuguese;English')
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/people/import-template.csv', headers: participantHeaders }))
        .statusCode,
    ).toBe(403)
  })

  test('with invitations off, no email goes out and the new people are "not invited"', async () => {
    const preview = (await upload(`${HEADER}\n${line({ email: 'quiet@acme.test', name: 'Quiet' })}`)).json()
    const response = await apply(preview.id, adminHeaders, { sendInvitations: false })
    expect(response.json()).toMatchObject({ invitationsSent: 0 })
    expect(await invitationEmailsTo('quiet@acme.test')).toHaveLength(0)
    expect(await accessOf('quiet@acme.test')).toEqual({ status: 'not_invited', invitedUntil: null })
    const notInvited = await t.app.inject({
      method: 'GET',
      url: '/api/people?access=not_invited&q=quiet',
      headers: adminHeaders,
    })
    expect(notInvited.json().total).toBe(1)
  })
})

describe('import: 10,000 rows', () => {
  test('previews and applies 10,000 people, then re-imports them as unchanged', async () => {
    const org = await buildOrganization(t.db)
    await seedDefaultSkills(t.db, org.id)
    const bigAdmin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const headers = await sessionHeadersFor(t.db, bigAdmin)
    const departments = ['Sales', 'R&D', 'Support', 'Finance', 'People']
    const lines = [HEADER]
    for (let index = 0; index < 10_000; index++) {
      // A tree: person i reports to person floor((i - 1) / 8).
      lines.push(
        line({
          email: `p${index}@big.test`,
          employee_id: `E${index}`,
          name: `Person ${String(index).padStart(5, '0')}`,
          department: departments[index % departments.length],
          manager_email: index === 0 ? '' : `p${Math.floor((index - 1) / 8)}@big.test`,
          skills_offered: 'active-listening;negotiation',
          skills_wanted: 'public-speaking',
          seniority: String((index % 8) + 1),
        }),
      )
    }
    const csv = lines.join('\n')
    let started = performance.now()
    const preview = await t.app.inject({ method: 'POST', url: '/api/people/imports', headers, payload: { csv } })
    const previewSeconds = (performance.now() - started) / 1000
    expect(preview.statusCode).toBe(201)
    expect(preview.json().counts).toEqual({ create: 10_000, update: 0, unchanged: 0, error: 0 })

    started = performance.now()
    const applied = await apply(preview.json().id, headers, { sendInvitations: true })
    const applySeconds = (performance.now() - started) / 1000
    expect(applied.statusCode).toBe(200)
    const count = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('organization_id', '=', org.id)
      .where('manager_id', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(Number(count.count)).toBe(9_999)

    started = performance.now()
    const again = await t.app.inject({ method: 'POST', url: '/api/people/imports', headers, payload: { csv } })
    const againSeconds = (performance.now() - started) / 1000
    expect(again.json().counts).toEqual({ create: 0, update: 0, unchanged: 10_000, error: 0 })
    console.info(
      `10,000-row import on ${t.database.kind}: preview ${previewSeconds.toFixed(2)} s, apply ${applySeconds.toFixed(2)} s, re-import preview ${againSeconds.toFixed(2)} s`,
    )
  }, 120_000)
})
