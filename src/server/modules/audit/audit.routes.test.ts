import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type AuditEvent, AuditEventPageSchema } from '#contracts/audit.ts'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
let orgId: string
let admin: PersonRow
let manager: PersonRow
let participant: PersonRow
let adminHeaders: Record<string, string>

const OFFICE = '203.0.113.7'
const ELSEWHERE = '198.51.100.23'

beforeAll(async () => {
  t = await createTestApp()
  orgId = (await buildOrganization(t.db)).id
  admin = await buildPerson(t.db, { organizationId: orgId, role: 'admin', name: 'Ada Admin' })
  manager = await buildPerson(t.db, { organizationId: orgId, role: 'program_manager', name: 'Max Manager' })
  participant = await buildPerson(t.db, { organizationId: orgId, name: 'Pia Participant' })
  adminHeaders = await sessionHeadersFor(t.db, admin)
})
afterAll(() => t.close())

async function auditLog(query: Record<string, string | number> = {}, headers = adminHeaders) {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]))
  return t.app.inject({ method: 'GET', url: `/api/audit-events?${search}`, headers })
}

async function events(query: Record<string, string | number> = {}): Promise<AuditEvent[]> {
  const response = await auditLog(query)
  expect(response.statusCode).toBe(200)
  return AuditEventPageSchema.parse(response.json()).events
}

function signIn(email: string, password: string, remoteAddress = OFFICE) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress })
}

describe('security events are recorded with actor, address and outcome', () => {
  test('a sign-in, a wrong password, an unknown email and a sign-out', async () => {
    const signedIn = await signIn(admin.email, TEST_PASSWORD)
    expect(signedIn.statusCode).toBe(200)
    const wrong = await signIn(admin.email, 'not the password', ELSEWHERE)
    expect(wrong.statusCode).toBe(401)
    const unknown = await signIn('nobody@example.test', 'whatever-password', ELSEWHERE)
    expect(unknown.statusCode).toBe(401)
    const cookie = signedIn.headers['set-cookie']
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: String(cookie).split(';')[0] },
    })
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: String(cookie).split(';')[0], 'x-csrf-token': session.json().csrfToken },
      remoteAddress: OFFICE,
    })
    expect(signedOut.statusCode).toBe(204)

    const log = await events({ action: 'sign_in' })
    expect(log.map((e) => [e.action, e.outcome, e.address, e.actor?.id ?? null, e.targetId])).toEqual([
      ['auth.signed_out', 'succeeded', OFFICE, admin.id, admin.id],
      ['auth.sign_in_failed', 'failed', ELSEWHERE, null, null],
      ['auth.sign_in_failed', 'failed', ELSEWHERE, null, admin.id],
      ['auth.signed_in', 'succeeded', OFFICE, admin.id, admin.id],
    ])
    expect(log[0]).toMatchObject({ actionLabel: 'Signed out', actor: { name: 'Ada Admin' }, targetName: 'Ada Admin' })
    expect(log[2]).toMatchObject({ actionLabel: 'Sign-in failed', details: { reason: 'wrong_password' } })
    expect(log[1].details).toEqual({ reason: 'unknown_email' })
    // Neither the typed password nor an unknown typed email is kept anywhere in the log.
    const stored = await t.db.selectFrom('audit_events').select(sql<string>`details::text`.as('details')).execute()
    expect(stored.map((row) => row.details).join()).not.toMatch(/not the password|whatever-password|nobody@/)
  })

  test('a role change and a privacy threshold change, with old and new values and the address', async () => {
    const role = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${participant.id}`,
      headers: adminHeaders,
      payload: { role: 'program_manager' },
      remoteAddress: OFFICE,
    })
    expect(role.statusCode).toBe(200)
    const threshold = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: adminHeaders,
      payload: { aggregateThreshold: 7, name: 'Renamed Org' },
      remoteAddress: OFFICE,
    })
    expect(threshold.statusCode).toBe(200)

    const [roleChange] = await events({ action: 'person.role_changed' })
    expect(roleChange).toMatchObject({
      actor: { id: admin.id, name: 'Ada Admin' },
      targetId: participant.id,
      targetName: 'Pia Participant',
      address: OFFICE,
      outcome: 'succeeded',
      details: { from: 'participant', to: 'program_manager' },
    })
    const [settings] = await events({ action: 'organization.updated' })
    expect(settings).toMatchObject({ actor: { id: admin.id }, address: OFFICE, outcome: 'succeeded' })
    // The threshold with old and new value; the name (free text) only named as changed.
    expect(settings.details).toEqual({
      changed: ['name', 'aggregateThreshold'],
      aggregateThreshold: { from: 5, to: 7 },
    })
    // Set it back, so later tests start from a participant.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${participant.id}`,
      headers: adminHeaders,
      payload: { role: 'participant' },
    })
  })
})

describe('password resets', () => {
  test('a reset requested by email is recorded from the requester’s address, for a known and an unknown email', async () => {
    for (const email of [manager.email, 'nobody-at-all@example.test']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email },
        remoteAddress: ELSEWHERE,
      })
      expect(response.statusCode).toBe(202)
    }
    await t.jobs.drain()
    const requested = await events({ action: 'password_reset.requested' })
    // The jobs may run in either order.
    expect(requested).toHaveLength(2)
    expect(requested.map((e) => [e.targetId, e.outcome, e.address, e.actor, e.details])).toEqual(
      expect.arrayContaining([
        [null, 'failed', ELSEWHERE, null, { reason: 'unknown_email' }],
        [manager.id, 'succeeded', ELSEWHERE, null, {}],
      ]),
    )
  })
})

describe('GET /api/audit-events', () => {
  test('admins only: program managers and participants get 403, anonymous 401', async () => {
    expect((await auditLog({}, await sessionHeadersFor(t.db, manager))).statusCode).toBe(403)
    expect((await auditLog({}, await sessionHeadersFor(t.db, participant))).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/audit-events' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/audit-events.csv' })).statusCode).toBe(401)
    const csvAsManager = await t.app.inject({
      method: 'GET',
      url: '/api/audit-events.csv',
      headers: await sessionHeadersFor(t.db, manager),
    })
    expect(csvAsManager.statusCode).toBe(403)
  })

  test('bad filters answer 400 with the error shape, naming the field', async () => {
    for (const [query, path] of [
      [{ action: 'DROP TABLE' }, 'querystring.action'],
      [{ action: 'no_such_kind' }, 'querystring.action'],
      [{ actorId: 'not-a-uuid' }, 'querystring.actorId'],
      [{ from: '2026-13-01' }, 'querystring.from'],
      [{ from: '2026-12-02', to: '2026-12-01' }, 'querystring.from'],
      [{ limit: 0 }, 'querystring.limit'],
      [{ before: -1 }, 'querystring.before'],
      [{ timeZone: 'Mars/Olympus' }, 'querystring.timeZone'],
      [{ extra: 'x' }, 'querystring'],
    ] as const) {
      const response = await auditLog(query)
      expect(response.statusCode, JSON.stringify(query)).toBe(400)
      const error = ErrorResponseSchema.parse(response.json()).error
      expect(error.code).toBe('validation_failed')
      expect(error.details.map((d) => d.path).join(), JSON.stringify(query)).toContain(path)
    }
  })

  test('filters by actor, by kind and by action, and pages by id with nextBefore', async () => {
    const managerHeaders = await sessionHeadersFor(t.db, manager)
    for (const name of ['Theme one', 'Theme two', 'Theme three']) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/themes',
        headers: adminHeaders,
        payload: { name, description: '' },
      })
      expect(created.statusCode).toBe(201)
    }
    const program = await t.app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: managerHeaders,
      payload: { name: 'Audit pilot', type: 'peer_coaching' },
    })
    expect(program.statusCode, program.body).toBe(201)

    const byManager = await events({ actorId: manager.id })
    expect(byManager.map((e) => e.action)).toEqual(['program.created'])
    expect(byManager[0].actor).toEqual({ id: manager.id, name: 'Max Manager' })
    expect((await events({ action: 'programs' })).map((e) => e.action)).toEqual(['program.created'])
    expect((await events({ action: 'theme.created' })).length).toBe(3)

    const first = AuditEventPageSchema.parse((await auditLog({ action: 'theme.created', limit: 2 })).json())
    expect(first.events).toHaveLength(2)
    expect(first.nextBefore).toBe(first.events[1].id)
    const second = AuditEventPageSchema.parse(
      (await auditLog({ action: 'theme.created', limit: 2, before: first.nextBefore ?? 0 })).json(),
    )
    expect(second.events).toHaveLength(1)
    expect(second.nextBefore).toBeNull()
    const ids = [...first.events, ...second.events].map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(3)
  })

  test('filters by days in the admin’s time zone, both days included', async () => {
    const old = await t.db
      .insertInto('audit_events')
      .values({
        organization_id: orgId,
        actor_id: admin.id,
        action: 'skill.created',
        target_type: 'skill',
        details: '{}',
        // 23:30 on 1 March in New York is already 2 March in UTC.
        created_at: new Date('2026-03-02T04:30:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const inNewYork = await events({ from: '2026-03-01', to: '2026-03-01', timeZone: 'America/New_York' })
    expect(inNewYork.map((e) => e.id)).toEqual([old.id])
    expect(await events({ from: '2026-03-01', to: '2026-03-01', timeZone: 'UTC' })).toEqual([])
    expect((await events({ from: '2026-03-02', to: '2026-03-02' })).map((e) => e.id)).toEqual([old.id])
    expect((await events({ to: '2026-03-05' })).map((e) => e.id)).toEqual([old.id])
    expect((await events({ from: '2026-03-03' })).map((e) => e.id)).not.toContain(old.id)
  })

  test('another organization’s events are never shown; instance events only while the instance has one organization', async () => {
    const other = await buildOrganization(t.db)
    const stranger = await buildPerson(t.db, { organizationId: other.id, role: 'admin' })
    expect((await signIn(stranger.email, TEST_PASSWORD)).statusCode).toBe(200)
    const mine = await events({ action: 'sign_in' })
    expect(mine.map((e) => e.actor?.id)).not.toContain(stranger.id)
    // Two organizations now: a sign-in with an unknown email could be anyone's, so no admin sees it.
    expect(mine.filter((e) => e.targetId === null)).toEqual([])
    const theirs = AuditEventPageSchema.parse(
      (await auditLog({ action: 'auth.signed_in' }, await sessionHeadersFor(t.db, stranger))).json(),
    ).events
    expect(theirs.map((e) => e.actor?.id)).toEqual([stranger.id])
  })
})

describe('GET /api/audit-events.csv', () => {
  test('the filtered log as CSV, every row, with formula-like cells defused; the export is recorded', async () => {
    const trickster = await buildPerson(t.db, { organizationId: orgId, name: '=HYPERLINK("http://evil.example")' })
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: await sessionHeadersFor(t.db, trickster),
      remoteAddress: OFFICE,
    })
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/audit-events.csv?action=sign_in&timeZone=Europe/Berlin',
      headers: adminHeaders,
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toContain('audit-log.csv')
    const rows: Record<string, string>[] = parse(response.body, { columns: true })
    const listed = await events({ action: 'sign_in', limit: 200 })
    expect(rows.map((row) => Number(row.id))).toEqual(listed.map((e) => e.id))
    expect(rows[0]).toMatchObject({
      actor: `'=HYPERLINK("http://evil.example")`,
      action: 'auth.signed_out',
      action_label: 'Signed out',
      address: OFFICE,
      outcome: 'succeeded',
    })
    expect(rows.find((row) => row.action === 'auth.sign_in_failed')).toMatchObject({ outcome: 'failed' })
    expect(Object.keys(rows[0])).toContain('time (Europe/Berlin)')
    const [exported] = await events({ action: 'audit_log.exported' })
    expect(exported).toMatchObject({ actor: { id: admin.id }, details: { rows: rows.length } })
  })
})

describe('append-only', () => {
  test('an UPDATE and a DELETE of an audit event are refused by the database', async () => {
    const [event] = await events({ limit: 1 })
    await expect(
      t.db.updateTable('audit_events').set({ action: 'forged' }).where('id', '=', event.id).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('audit_events').where('id', '=', event.id).execute()).rejects.toThrow(/append-only/)
    await expect(
      t.db.updateTable('audit_events').set({ actor_id: null }).where('id', '=', event.id).execute(),
    ).rejects.toThrow(/append-only/)
    expect((await events({ limit: 1 }))[0]).toEqual(event)
  })

  test('redaction of details is possible only inside a transaction that turns it on', async () => {
    const [event] = await events({ action: 'person.role_changed' })
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`set local tandem.audit_redaction = 'on'`.execute(trx)
        await trx.updateTable('audit_events').set({ address: null }).where('id', '=', event.id).execute()
      }),
    ).rejects.toThrow(/append-only/)
    await t.db.transaction().execute(async (trx) => {
      await sql`set local tandem.audit_redaction = 'on'`.execute(trx)
      await trx
        .updateTable('audit_events')
        .set({ details: JSON.stringify({ redacted: true }) })
        .where('id', '=', event.id)
        .execute()
    })
    const [after] = await events({ action: 'person.role_changed' })
    expect(after).toEqual({ ...event, details: { redacted: true } })
    // The setting ended with its transaction.
    await expect(
      t.db.updateTable('audit_events').set({ details: '{}' }).where('id', '=', event.id).execute(),
    ).rejects.toThrow(/append-only/)
  })

  test('deleting a person keeps their events (actor set to null); deleting an organization removes its events', async () => {
    const org = await buildOrganization(t.db)
    const gone = await buildPerson(t.db, { organizationId: org.id, role: 'admin', status: 'invited' })
    await t.db
      .insertInto('audit_events')
      .values({
        organization_id: org.id,
        actor_id: gone.id,
        action: 'skill.created',
        target_type: 'skill',
        details: '{}',
      })
      .execute()
    await t.db.deleteFrom('people').where('id', '=', gone.id).execute()
    const kept = await t.db.selectFrom('audit_events').selectAll().where('organization_id', '=', org.id).execute()
    expect(kept.map((row) => row.actor_id)).toEqual([null])
    await t.db.deleteFrom('organizations').where('id', '=', org.id).execute()
    expect(await t.db.selectFrom('audit_events').selectAll().where('organization_id', '=', org.id).execute()).toEqual(
      [],
    )
  })
})
