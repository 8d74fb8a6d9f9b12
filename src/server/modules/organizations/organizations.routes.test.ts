import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { OrganizationSchema } from '#contracts/organizations.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const setupBody = {
  organizationName: 'Société Générale de Test',
  name: 'Ada Admin',
  email: '  Ada@Example.TEST ',
  password: 'a long enough password',
}

describe('first run', () => {
  test('a fresh instance is not set up; set-up creates the organization, its admin and skills, and signs in; a second set-up is refused', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/setup' })
    expect(before.json()).toEqual({ isSetUp: false })

    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...setupBody, password: 'short' },
    })
    expect(tooShort.statusCode).toBe(400)
    expect(errorOf(tooShort)).toMatchObject({ code: 'validation_failed' })
    expect(errorOf(tooShort).details[0].path).toBe('body.password')
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ isSetUp: false })

    const response = await t.app.inject({ method: 'POST', url: '/api/setup', payload: setupBody })
    expect(response.statusCode).toBe(201)
    const session = response.json()
    expect(session.viewer).toMatchObject({
      name: 'Ada Admin',
      email: 'ada@example.test',
      role: 'admin',
      organizationName: 'Société Générale de Test',
    })
    const cookie = response.cookies.find((c) => c.name === 'tandem_session')
    expect(cookie?.httpOnly).toBe(true)

    const organization = await t.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', session.viewer.organizationId)
      .executeTakeFirstOrThrow()
    expect(organization.slug).toBe('societe-generale-de-test')
    const skills = await t.db.selectFrom('skills').select('id').where('organization_id', '=', organization.id).execute()
    expect(skills.length).toBeGreaterThanOrEqual(20)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', organization.id)
      .execute()
    expect(audit.map((e) => e.action)).toContain('organization.set_up')

    // The cookie it set is a working session.
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { tandem_session: cookie?.value ?? '' },
    })
    expect(me.statusCode).toBe(200)
    expect(me.json().viewer.id).toBe(session.viewer.id)

    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ isSetUp: true })
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...setupBody, email: 'someone.else@example.test' },
    })
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).code).toBe('already_set_up')
    const organizations = await t.db.selectFrom('organizations').select('id').execute()
    expect(organizations).toHaveLength(1)
  })
})

describe('the viewer organization', () => {
  test('everyone reads their own organization; only admins change it, within 1..100', async () => {
    const org = await buildOrganization(t.db, { name: 'Acme' })
    const other = await buildOrganization(t.db, { name: 'Other' })
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const participant = await buildPerson(t.db, { organizationId: org.id })
    const adminHeaders = await sessionHeadersFor(t.db, admin)
    const participantHeaders = await sessionHeadersFor(t.db, participant)

    const read = await t.app.inject({ method: 'GET', url: '/api/organization', headers: participantHeaders })
    expect(read.statusCode).toBe(200)
    expect(OrganizationSchema.parse(read.json())).toEqual({
      id: org.id,
      name: 'Acme',
      slug: org.slug,
      aggregateThreshold: 5,
    })

    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: participantHeaders,
      payload: { name: 'Hijacked' },
    })
    expect(denied.statusCode).toBe(403)
    expect(errorOf(denied).code).toBe('forbidden')

    const outOfRange = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: adminHeaders,
      payload: { aggregateThreshold: 0 },
    })
    expect(outOfRange.statusCode).toBe(400)
    expect(errorOf(outOfRange).code).toBe('validation_failed')

    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: adminHeaders,
      payload: { name: 'Acme Corp', aggregateThreshold: 8 },
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ name: 'Acme Corp', aggregateThreshold: 8 })

    const rows = await t.db.selectFrom('organizations').selectAll().where('id', 'in', [org.id, other.id]).execute()
    expect(rows.find((r) => r.id === org.id)).toMatchObject({ name: 'Acme Corp', aggregate_threshold: 8 })
    expect(rows.find((r) => r.id === other.id)).toMatchObject({ name: 'Other', aggregate_threshold: 5 })
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('organization_id', '=', org.id)
      .execute()
    expect(audit).toContainEqual({ action: 'organization.updated', actor_id: admin.id })
  })

  test('without a session: 401; a cookie write without the CSRF token: 403 csrf_invalid', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/organization' })
    expect(anonymous.statusCode).toBe(401)
    expect(errorOf(anonymous).code).toBe('unauthenticated')

    const org = await buildOrganization(t.db)
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const headers = await sessionHeadersFor(t.db, admin)
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: { cookie: headers.cookie },
      payload: { name: 'Forged' },
    })
    expect(response.statusCode).toBe(403)
    expect(errorOf(response).code).toBe('csrf_invalid')
    const row = await t.db.selectFrom('organizations').select('name').where('id', '=', org.id).executeTakeFirstOrThrow()
    expect(row.name).toBe(org.name)
  })
})

describe('concurrent first runs', () => {
  test('two set-ups submitted at once create one organization; the other is told it is already set up', async () => {
    const fresh = await createTestApp()
    try {
      const submit = (who: string) =>
        fresh.app.inject({
          method: 'POST',
          url: '/api/setup',
          payload: { ...setupBody, organizationName: `Org ${who}`, email: `${who}@example.test` },
        })
      let results: Awaited<ReturnType<typeof submit>>[]
      if (fresh.database.kind === 'postgres') {
        // Block inserts into organizations (reads still pass) until both requests have checked that
        // none exists and wait: the race two browsers could hit. PGlite has one connection and cannot race.
        const held = await fresh.db.connection().execute(async (connection) => {
          await sql`begin`.execute(connection)
          await sql`lock table organizations in share row exclusive mode`.execute(connection)
          const pending = Promise.all([submit('first'), submit('second')])
          for (let waited = 0; waited < 100; waited++) {
            const { rows } = await sql<{
              count: number
            }>`select count(*)::int as count from pg_locks where not granted and database = (select oid from pg_database where datname = current_database())`.execute(
              connection,
            )
            if (rows[0].count >= 2) break
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
          await sql`commit`.execute(connection)
          return pending
        })
        results = held
      } else {
        results = await Promise.all([submit('first'), submit('second')])
      }
      const [one, two] = results
      expect([one.statusCode, two.statusCode].sort()).toEqual([201, 409])
      const loser = one.statusCode === 409 ? one : two
      expect(errorOf(loser).code).toBe('already_set_up')
      expect(await fresh.db.selectFrom('organizations').select('id').execute()).toHaveLength(1)
      expect(await fresh.db.selectFrom('people').select('id').execute()).toHaveLength(1)
    } finally {
      await fresh.close()
    }
  })
})

describe('OpenAPI', () => {
  test('lists every organization, auth, invitation and outbox route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/setup',
        'POST /api/setup',
        'GET /api/organization',
        'PATCH /api/organization',
        'POST /api/auth/sign-in',
        'GET /api/auth/session',
        'POST /api/auth/sign-out',
        'GET /api/auth/sessions',
        'DELETE /api/auth/sessions/{sessionId}',
        'DELETE /api/people/{personId}/sessions',
        'POST /api/invitations',
        'GET /api/invitations/{token}',
        'POST /api/invitations/accept',
        'POST /api/auth/password-reset',
        'POST /api/auth/password-reset/complete',
        'GET /api/outbox',
        'GET /api/outbox/{id}',
      ]),
    )
  })
})
