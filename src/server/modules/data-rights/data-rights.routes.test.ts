import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ADMIN_EXPORT_WITHHELD_SECTIONS,
  EXPORT_HTML_FILE,
  EXPORT_JSON_FILE,
  type PersonalDataExport,
} from '#contracts/data-rights.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import type { MatchRow, OrganizationRow, PersonRow, ProgramRow } from '#server/db/schema.ts'
import { SESSION_REMINDER_QUEUE } from '#server/modules/reminders/reminders.service.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildPrivateWords,
  buildProgram,
  buildSession,
  TEST_PASSWORD,
} from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { RETENTION_QUEUE, type RetentionPurgeJob } from './data-rights.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const NAME = 'Zephyrine Quillfeather'
const OLD_NAME = 'Zephyrine Oldmaiden'
const OWN_REFLECTION = 'My own reflection <script>alert("x")</script> about courage'
const PARTNER_REFLECTION = 'Partner private reflection about the budget'
const PARTNER_CHECKIN = 'Partner private check-in about sleep'
const OWN_CHECKIN = 'Own check-in note about a hard week'
const FEEDBACK_TO_HER = 'Feedback for you from your partner'
const EXPORT_NAME = 'Wilhelmina Exportova'

interface World {
  org: OrganizationRow
  admin: PersonRow
  pm: PersonRow
  zeph: PersonRow
  partner: PersonRow
  boss: PersonRow
  report: PersonRow
  program: ProgramRow
  match: MatchRow
  sessionId: string
  headers: Record<'admin' | 'pm' | 'zeph' | 'partner' | 'outsider', Record<string, string>>
  outsiderOrg: OrganizationRow
}

/** An organization where Zephyrine is matched with a partner, has written everything there is, and is named in copies. */
async function buildWorld(name: string, oldName: string): Promise<World> {
  const org = await buildOrganization(t.db)
  const person = (options: Partial<PersonRow> & { name: string }) =>
    buildPerson(t.db, { organizationId: org.id, ...options } as Parameters<typeof buildPerson>[1])
  const admin = await person({ name: 'Ada Admin', role: 'admin' })
  const pm = await person({ name: 'Pat Programs', role: 'program_manager' })
  const boss = await person({ name: 'Bea Boss', department: 'Sales' })
  const zeph = await person({
    name: name,
    department: 'Sales',
    title: 'Account lead',
    location: 'Oslo',
    employee_id: `E-${Math.random().toString(36).slice(2)}`,
    manager_id: boss.id,
  })
  const report = await person({ name: 'Rey Report', manager_id: zeph.id, department: 'Sales' })
  const partner = await person({ name: 'Paz Partner', department: 'Finance' })
  const program = await buildProgram(t.db, { organizationId: org.id, status: 'active', name: 'Leading peers' })
  for (const p of [zeph, partner]) {
    await buildEnrollment(t.db, {
      program,
      person: p,
      intent: p.id === zeph.id ? `${name} wants to grow` : 'Grow',
      answers: JSON.stringify({ q1: 'I like mornings', q2: 4 }),
    })
  }
  const match = await buildMatch(t.db, {
    organizationId: org.id,
    programId: program.id,
    memberIds: [zeph.id, partner.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, status: 'held', organizerId: zeph.id })
  await buildPrivateWords(t.db, {
    organizationId: org.id,
    matchId: match.id,
    sessionId: session.id,
    authorId: zeph.id,
    partnerId: partner.id,
    text: OWN_REFLECTION,
  })
  await buildPrivateWords(t.db, {
    organizationId: org.id,
    matchId: match.id,
    sessionId: session.id,
    authorId: partner.id,
    partnerId: zeph.id,
    text: PARTNER_REFLECTION,
  })
  await t.db
    .updateTable('feedback')
    .set({ what_worked: FEEDBACK_TO_HER, try_next: FEEDBACK_TO_HER, situation: FEEDBACK_TO_HER })
    .where('receiver_id', '=', zeph.id)
    .execute()
  await t.db
    .insertInto('wellbeing_checkins')
    .values([
      {
        organization_id: org.id,
        person_id: zeph.id,
        match_id: match.id,
        moment: 'after',
        mood: 4,
        stress: 2,
        note: OWN_CHECKIN,
      },
      {
        organization_id: org.id,
        person_id: partner.id,
        match_id: match.id,
        moment: 'after',
        mood: 3,
        stress: 3,
        note: PARTNER_CHECKIN,
      },
    ])
    .execute()
  await t.db
    .insertInto('goals')
    .values({
      organization_id: org.id,
      match_id: match.id,
      owner_id: zeph.id,
      title: 'Speak up in reviews',
      measure: 'Twice a month',
      target: 'Confidence',
      due_on: '2030-03-01',
    })
    .execute()
  // Copies of her name in other people's rows: a notification, an email, an audit diff, a job.
  await t.db
    .insertInto('notifications')
    .values({
      organization_id: org.id,
      person_id: partner.id,
      kind: 'session_scheduled',
      title: `${name} scheduled a session`,
      body: `${name} invites you`,
    })
    .execute()
  await t.db
    .insertInto('outbox_emails')
    .values({
      organization_id: org.id,
      to_address: partner.email,
      subject: `Session with ${name}`,
      text_body: `${name} scheduled a session (was ${oldName})`,
      html_body: `<p>${name} &amp; you</p>`,
      transport: 'outbox',
    })
    .execute()
  await t.db
    .insertInto('audit_events')
    .values({
      organization_id: org.id,
      actor_id: admin.id,
      action: 'person.updated',
      target_type: 'person',
      target_id: zeph.id,
      details: JSON.stringify({ changes: { name: { from: oldName, to: name } } }),
    })
    .execute()
  await t.db
    .insertInto('audit_events')
    .values({
      organization_id: org.id,
      actor_id: admin.id,
      action: 'match.created',
      target_type: 'match',
      target_id: match.id,
      details: JSON.stringify({ members: [name, 'Paz Partner'] }),
    })
    .execute()
  await t.jobs.send(
    SESSION_REMINDER_QUEUE,
    { organizationId: org.id, description: `Reminder to ${zeph.email}: ${name}` },
    { startAfter: new Date('2100-01-01T00:00:00Z'), singletonKey: `far-future:${zeph.id}` },
  )
  const outsiderOrg = await buildOrganization(t.db)
  const outsider = await buildPerson(t.db, { organizationId: outsiderOrg.id, role: 'admin', name: 'Oz Outsider' })
  return {
    org,
    admin,
    pm,
    zeph,
    partner,
    boss,
    report,
    program,
    match,
    sessionId: session.id,
    outsiderOrg,
    headers: {
      admin: await sessionHeadersFor(t.db, admin),
      pm: await sessionHeadersFor(t.db, pm),
      zeph: await sessionHeadersFor(t.db, zeph),
      partner: await sessionHeadersFor(t.db, partner),
      outsider: await sessionHeadersFor(t.db, outsider),
    },
  }
}

function readZip(body: Buffer) {
  const files = unzipSync(new Uint8Array(body))
  expect(Object.keys(files).sort()).toEqual([EXPORT_HTML_FILE, EXPORT_JSON_FILE].sort())
  return {
    data: JSON.parse(strFromU8(files[EXPORT_JSON_FILE])) as PersonalDataExport,
    html: strFromU8(files[EXPORT_HTML_FILE]),
  }
}

describe('personal-data export', () => {
  let w: World
  beforeAll(async () => {
    w = await buildWorld(EXPORT_NAME, 'Wilhelmina Oldexport')
  })

  test('a person downloads their own data: their words, feedback received, never their partner’s private words', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/me/data-export', headers: w.headers.zeph })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/zip')
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="tandem-data-\d{4}-\d\d-\d\d\.zip"$/)
    const { data, html } = readZip(response.rawPayload)
    expect(data.profile).toMatchObject({
      id: w.zeph.id,
      name: EXPORT_NAME,
      email: w.zeph.email,
      managerName: 'Bea Boss',
    })
    expect(data.reflections.map((r) => r.body)).toEqual([OWN_REFLECTION])
    expect(data.checkIns.map((c) => c.note)).toEqual([OWN_CHECKIN])
    expect(data.notes.map((n) => n.body)).toEqual([OWN_REFLECTION])
    expect(data.feedbackGiven.map((f) => f.whatWorked)).toEqual([OWN_REFLECTION])
    expect(data.feedbackReceived).toMatchObject([{ whatWorked: FEEDBACK_TO_HER, giverName: 'Paz Partner' }])
    expect(data.goals.map((g) => g.title)).toEqual(['Speak up in reviews'])
    expect(data.matches).toMatchObject([{ id: w.match.id, partners: [{ name: 'Paz Partner' }] }])
    expect(data.sessions.map((s) => s.id)).toEqual([w.sessionId])
    expect(data.enrollments).toHaveLength(1)
    expect(data.auditEvents.some((e) => e.action === 'person.updated')).toBe(true)
    const json = JSON.stringify(data)
    expect(json).not.toContain(PARTNER_REFLECTION)
    expect(json).not.toContain(PARTNER_CHECKIN)
    expect(json).not.toContain('password')
    expect(json).not.toContain('unsubscribe')
    // The readable page: every value escaped.
    expect(html).toContain('My own reflection &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; about courage')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain(PARTNER_REFLECTION)
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', w.org.id)
      .where('action', '=', 'person.data_exported')
      .execute()
    expect(audit).toMatchObject([{ actor_id: w.zeph.id, target_id: w.zeph.id, target_type: 'person' }])
    expect(audit[0].address).toBeTruthy()
  })

  test('an admin exports a person on request: without their private words, audited with actor, target and address, and the person is told', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/people/${w.partner.id}/data-export`,
      headers: w.headers.admin,
    })
    expect(response.statusCode).toBe(200)
    const { data, html } = readZip(response.rawPayload)
    expect(data.profile.id).toBe(w.partner.id)
    expect(data.matches.length).toBeGreaterThan(0)
    // What only the person (and their match) reads is left out, and the copy says so (decision 026).
    expect(data.withheld?.sections).toEqual([...ADMIN_EXPORT_WITHHELD_SECTIONS])
    for (const section of ADMIN_EXPORT_WITHHELD_SECTIONS) expect(data[section]).toEqual([])
    for (const match of data.matches) expect(match).not.toHaveProperty('agreementFocus')
    for (const enrollment of data.enrollments) expect(enrollment).not.toHaveProperty('answers')
    expect(JSON.stringify(data)).not.toContain(PARTNER_REFLECTION)
    expect(html).not.toContain(PARTNER_REFLECTION)
    expect(html).toContain('Withheld from this copy.')
    expect(JSON.stringify(data)).not.toContain(OWN_CHECKIN)
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', w.org.id)
      .where('action', '=', 'person.data_exported')
      .where('target_id', '=', w.partner.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_id: w.admin.id, target_type: 'person', outcome: 'succeeded' })
    expect(audit.address).toBeTruthy()
    expect(JSON.stringify(audit.details)).toBe('{}')
    const notices = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('person_id', '=', w.partner.id)
      .where('kind', '=', 'data_exported')
      .execute()
    expect(notices).toHaveLength(1)
    expect(notices[0].body).toContain('Ada Admin')
    const emails = await t.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', '=', w.partner.email)
      .execute()
    expect(emails.map((e) => e.subject)).toContain('A copy of your Tandem data was downloaded')
    // The person's own copy still holds them.
    const own = await t.app.inject({ method: 'POST', url: '/api/me/data-export', headers: w.headers.partner })
    const ownData = readZip(own.rawPayload).data
    expect(ownData.reflections.map((r) => r.body)).toEqual([PARTNER_REFLECTION])
    expect(ownData.withheld).toBeNull()
  })

  test('only admins export someone else; another organization gets 404', async () => {
    const url = `/api/people/${w.zeph.id}/data-export`
    const as = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url, headers })
    expect((await as(w.headers.partner)).statusCode).toBe(403)
    expect((await as(w.headers.pm)).statusCode).toBe(403)
    expect((await as(w.headers.zeph)).statusCode).toBe(403)
    const outsider = await as(w.headers.outsider)
    expect(outsider.statusCode).toBe(404)
    expect(outsider.json()).toMatchObject({ error: { code: 'not_found' } })
    const withField = await t.app.inject({ method: 'POST', url, headers: w.headers.admin, payload: { format: 'csv' } })
    expect(withField.statusCode).toBe(400)
    expect(withField.json()).toMatchObject({ error: { code: 'validation_failed' } })
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: '/api/me/data-export' })).statusCode).toBe(401)
  })
})

/** Every column that can hold text, in the application's and the job queue's tables. */
async function tablesHolding(needle: string): Promise<string[]> {
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }>`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema in ('public', 'pgboss') and tb.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name = '_text')`.execute(t.db)
  expect(columns.rows.length).toBeGreaterThan(60)
  const found: string[] = []
  for (const c of columns.rows) {
    const hit = await sql<{
      n: number
    }>`select count(*)::int as n from ${sql.table(`${c.table_schema}.${c.table_name}`)}
      where ${sql.ref(c.column_name)}::text ilike ${`%${needle}%`}`.execute(t.db)
    if (hit.rows[0].n > 0) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}`)
  }
  return found
}

/** Every GET route whose parameters this world can fill, as each of these people. */
async function sweepGetRoutes(w: World, who: Array<keyof World['headers']>) {
  const params: Record<string, string> = {
    programId: w.program.id,
    matchId: w.match.id,
    personId: w.zeph.id,
    sessionId: w.sessionId,
  }
  const routes = listRegisteredRoutes(t.app).filter(
    (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.isHidden && !r.url.startsWith('/api/docs'),
  )
  const bodies: Array<{ url: string; status: number; body: string }> = []
  for (const route of routes) {
    const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1])
    if (names.some((name) => !(name in params))) continue
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => params[name])
    for (const person of who) {
      const response = await t.app.inject({ method: 'GET', url, headers: w.headers[person] })
      bodies.push({ url, status: response.statusCode, body: response.body })
    }
  }
  return bodies
}

/** The dashboard's figures that count what happened (eligibility changes like any departure; names and departments go). */
function countedFigures(insights: Record<string, unknown>) {
  const { generatedAt, asOf, participation, crossDepartment, atRisk, ...rest } = insights
  const { eligible, percent, ...enrolled } = participation as Record<string, unknown>
  return { ...rest, participation: enrolled }
}

describe('erasure', () => {
  let w: World
  beforeAll(async () => {
    w = await buildWorld(NAME, OLD_NAME)
  })

  test('refused for a different name, for oneself, for program managers, participants and other organizations', async () => {
    const erase = (personId: string, headers: Record<string, string>, confirmName: string) =>
      t.app.inject({ method: 'POST', url: `/api/people/${personId}/erase`, headers, payload: { confirmName } })
    const mismatch = await erase(w.zeph.id, w.headers.admin, 'Zephyrine Quill')
    expect(mismatch.statusCode).toBe(422)
    expect(mismatch.json()).toMatchObject({
      error: { code: 'erase_name_mismatch', details: [{ path: 'body.confirmName' }] },
    })
    const self = await erase(w.admin.id, w.headers.admin, 'Ada Admin')
    expect(self.statusCode).toBe(409)
    expect(self.json()).toMatchObject({ error: { code: 'self_erasure' } })
    expect((await erase(w.zeph.id, w.headers.pm, NAME)).statusCode).toBe(403)
    expect((await erase(w.zeph.id, w.headers.partner, NAME)).statusCode).toBe(403)
    expect((await erase(w.zeph.id, w.headers.outsider, NAME)).statusCode).toBe(404)
    expect((await erase(w.zeph.id, w.headers.admin, '')).statusCode).toBe(400)
    const row = await t.db.selectFrom('people').selectAll().where('id', '=', w.zeph.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: NAME, erased_at: null })
  })

  test('erases for good: no sign-in, partner workspace still opens, counts unchanged, the name nowhere', async () => {
    const insightsUrl = `/api/programs/${w.program.id}/insights`
    const before = await t.app.inject({ method: 'GET', url: insightsUrl, headers: w.headers.admin })
    expect(before.statusCode).toBe(200)
    expect(await tablesHolding(NAME)).not.toEqual([])

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/people/${w.zeph.id}/erase`,
      headers: w.headers.admin,
      payload: { confirmName: `  ${NAME} ` },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ personId: w.zeph.id })

    const row = await t.db.selectFrom('people').selectAll().where('id', '=', w.zeph.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      name: 'Former member',
      email: `former-member-${w.zeph.id}@erased.invalid`,
      employee_id: null,
      title: '',
      department: '',
      location: '',
      manager_id: null,
      password_hash: null,
      status: 'deactivated',
    })
    expect(row.erased_at).not.toBeNull()
    // Her report now reports to her manager.
    const report = await t.db
      .selectFrom('people')
      .select('manager_id')
      .where('id', '=', w.report.id)
      .executeTakeFirstOrThrow()
    expect(report.manager_id).toBe(w.boss.id)

    // Her private and authored words are gone; her partner's stay.
    const count = (table: 'reflections' | 'session_notes', authorId: string) =>
      t.db.selectFrom(table).select('id').where('author_id', '=', authorId).execute()
    expect(await count('reflections', w.zeph.id)).toHaveLength(0)
    expect(await count('session_notes', w.zeph.id)).toHaveLength(0)
    expect(await count('reflections', w.partner.id)).toHaveLength(1)
    const checkIns = await t.db
      .selectFrom('wellbeing_checkins')
      .selectAll()
      .where('person_id', '=', w.zeph.id)
      .execute()
    expect(checkIns).toMatchObject([{ note: null, mood: 4, stress: 2 }])
    const given = await t.db.selectFrom('feedback').selectAll().where('giver_id', '=', w.zeph.id).execute()
    expect(given).toMatchObject([{ what_worked: '', try_next: '', situation: '', rating_listening: 4 }])
    const enrollment = await t.db
      .selectFrom('enrollments')
      .selectAll()
      .where('person_id', '=', w.zeph.id)
      .executeTakeFirstOrThrow()
    expect(enrollment).toMatchObject({ intent: '', answers: { q2: 4 } })
    expect(await t.db.selectFrom('notifications').select('id').where('person_id', '=', w.zeph.id).execute()).toEqual([])
    expect(await t.db.selectFrom('auth_sessions').select('id').where('person_id', '=', w.zeph.id).execute()).toEqual([])

    // The partner's workspace still opens, with a former member in it.
    const workspace = await t.app.inject({
      method: 'GET',
      url: `/api/matches/${w.match.id}/workspace`,
      headers: w.headers.partner,
    })
    expect(workspace.statusCode).toBe(200)
    expect(workspace.body).toContain('Former member')

    // The dashboard counts what it counted before.
    const after = await t.app.inject({ method: 'GET', url: insightsUrl, headers: w.headers.admin })
    expect(after.statusCode).toBe(200)
    expect(countedFigures(after.json())).toEqual(countedFigures(before.json()))

    // Audited with ids only.
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'person.erased')
      .where('organization_id', '=', w.org.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_id: w.admin.id, target_id: w.zeph.id, target_type: 'person' })
    expect(audit.address).toBeTruthy()

    // Her name, her former name and her address are in no column of any table...
    expect(await tablesHolding(NAME)).toEqual([])
    expect(await tablesHolding(OLD_NAME)).toEqual([])
    expect(await tablesHolding(w.zeph.email)).toEqual([])
    // ...and in no API response.
    const bodies = await sweepGetRoutes(w, ['admin', 'pm', 'partner'])
    expect(bodies.length).toBeGreaterThan(40)
    expect(bodies.filter((b) => b.status >= 500)).toEqual([])
    expect(bodies.filter((b) => b.body.toLowerCase().includes(NAME.toLowerCase())).map((b) => b.url)).toEqual([])
    expect(bodies.filter((b) => b.body.toLowerCase().includes('zephyrine')).map((b) => b.url)).toEqual([])

    // Sign-in impossible (checked after the scans: a refused attempt records the address it was tried with).
    expect((await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: w.headers.zeph })).statusCode).toBe(
      401,
    )
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: w.zeph.email, password: TEST_PASSWORD },
    })
    expect(signIn.statusCode).toBe(401)
    // It cannot be undone: no second erasure, no reactivation.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/people/${w.zeph.id}/erase`,
      headers: w.headers.admin,
      payload: { confirmName: 'Former member' },
    })
    expect(again.json()).toMatchObject({ error: { code: 'person_erased' } })
    const reactivate = await t.app.inject({
      method: 'POST',
      url: `/api/people/${w.zeph.id}/reactivate`,
      headers: w.headers.admin,
    })
    expect(reactivate.statusCode).toBe(409)
    expect(reactivate.json()).toMatchObject({ error: { code: 'person_erased' } })
  })
})

describe('retention', () => {
  const NOW = new Date('2031-06-15T03:00:00Z')
  const monthsAgo = (months: number) => new Date(Date.UTC(2031, 5 - months, 15, 2))

  async function matchEnded(
    org: OrganizationRow,
    program: ProgramRow,
    endedAt: Date | null,
    status: 'completed' | 'dissolved' | 'active',
  ) {
    const a = await buildPerson(t.db, { organizationId: org.id })
    const b = await buildPerson(t.db, { organizationId: org.id })
    const match = await buildMatch(t.db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [a.id, b.id],
      status,
    })
    await t.db.updateTable('matches').set({ ended_at: endedAt }).where('id', '=', match.id).execute()
    for (const author of [a, b]) {
      await t.db
        .insertInto('reflections')
        .values({ organization_id: org.id, match_id: match.id, author_id: author.id, body: 'kept private' })
        .execute()
      await t.db
        .insertInto('wellbeing_checkins')
        .values({
          organization_id: org.id,
          person_id: author.id,
          match_id: match.id,
          moment: 'anytime',
          mood: 3,
          stress: 3,
          note: 'a note',
        })
        .execute()
    }
    return match
  }

  async function leftOf(match: MatchRow) {
    const reflections = await t.db.selectFrom('reflections').select('id').where('match_id', '=', match.id).execute()
    const notes = await t.db
      .selectFrom('wellbeing_checkins')
      .select('id')
      .where('match_id', '=', match.id)
      .where('note', 'is not', null)
      .execute()
    const checkIns = await t.db.selectFrom('wellbeing_checkins').select('id').where('match_id', '=', match.id).execute()
    return { reflections: reflections.length, notes: notes.length, checkIns: checkIns.length }
  }

  test('the admin sets it; program managers cannot; it is validated and audited', async () => {
    const org = await buildOrganization(t.db)
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const pm = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const url = '/api/organization/data-retention'
    const adminHeaders = await sessionHeadersFor(t.db, admin)
    expect((await t.app.inject({ method: 'GET', url, headers: adminHeaders })).json()).toEqual({
      retentionMonths: null,
    })
    const pmHeaders = await sessionHeadersFor(t.db, pm)
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: pmHeaders, payload: { retentionMonths: 6 } })).statusCode,
    ).toBe(403)
    expect((await t.app.inject({ method: 'GET', url, headers: pmHeaders })).statusCode).toBe(403)
    const zero = await t.app.inject({ method: 'PUT', url, headers: adminHeaders, payload: { retentionMonths: 0 } })
    expect(zero.statusCode).toBe(400)
    expect(zero.json()).toMatchObject({ error: { code: 'validation_failed' } })
    const set = await t.app.inject({ method: 'PUT', url, headers: adminHeaders, payload: { retentionMonths: 6 } })
    expect(set.json()).toEqual({ retentionMonths: 6 })
    const off = await t.app.inject({ method: 'PUT', url, headers: adminHeaders, payload: { retentionMonths: null } })
    expect(off.json()).toEqual({ retentionMonths: null })
    const events = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'organization.updated')
      .execute()
    expect(events).toHaveLength(2)
  })

  test('the daily job deletes exactly the private words of matches ended longer ago than the setting', async () => {
    const org = await buildOrganization(t.db)
    const program = await buildProgram(t.db, { organizationId: org.id, status: 'active' })
    await t.db.updateTable('organizations').set({ retention_months: 6 }).where('id', '=', org.id).execute()
    const old = await matchEnded(org, program, monthsAgo(7), 'completed')
    const oldDissolved = await matchEnded(org, program, monthsAgo(12), 'dissolved')
    const recent = await matchEnded(org, program, monthsAgo(5), 'completed')
    const running = await matchEnded(org, program, null, 'active')
    // Default off: another organization's old match is untouched.
    const otherOrg = await buildOrganization(t.db)
    const otherProgram = await buildProgram(t.db, { organizationId: otherOrg.id, status: 'active' })
    const untouched = await matchEnded(otherOrg, otherProgram, monthsAgo(30), 'completed')

    await t.jobs.send<RetentionPurgeJob>(RETENTION_QUEUE, { organizationId: null, at: NOW.toISOString() })
    await t.jobs.drain()

    expect(await leftOf(old)).toEqual({ reflections: 0, notes: 0, checkIns: 2 })
    expect(await leftOf(oldDissolved)).toEqual({ reflections: 0, notes: 0, checkIns: 2 })
    expect(await leftOf(recent)).toEqual({ reflections: 2, notes: 2, checkIns: 2 })
    expect(await leftOf(running)).toEqual({ reflections: 2, notes: 2, checkIns: 2 })
    expect(await leftOf(untouched)).toEqual({ reflections: 2, notes: 2, checkIns: 2 })
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('action', '=', 'retention.purged')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: null, details: { reflections: 4, checkInNotes: 4, retentionMonths: 6 } })
    expect(
      await t.db.selectFrom('audit_events').select('id').where('organization_id', '=', otherOrg.id).execute(),
    ).toEqual([])

    // A second run the same day finds nothing more to delete and records nothing.
    await t.jobs.send<RetentionPurgeJob>(RETENTION_QUEUE, { organizationId: null, at: NOW.toISOString() })
    await t.jobs.drain()
    expect(
      await t.db
        .selectFrom('audit_events')
        .select('id')
        .where('organization_id', '=', org.id)
        .where('action', '=', 'retention.purged')
        .execute(),
    ).toHaveLength(1)
  })
})
