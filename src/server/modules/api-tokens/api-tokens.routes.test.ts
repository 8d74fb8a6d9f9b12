import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ApiTokenScope } from '#contracts/api-tokens.ts'
import { fixedClock } from '#server/clock.ts'
import type { PersonRow } from '#server/db/schema.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildPrivateWords,
  buildProgram,
  buildSession,
} from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

type Headers = Record<string, string>
const clock = fixedClock('2027-04-01T09:00:00Z')
/** Written into every private field of org A: no answer to a token may carry it. */
const SECRET = 'SECRET-private-words-of-a-match'

let t: TestApp
let orgA: string
let adminA: PersonRow
let adminAHeaders: Headers
let managerAHeaders: Headers
let participantA: PersonRow
let partnerA: PersonRow
let programA: string
let matchA: string
let sessionA: string
let personB: PersonRow
let programB: string
let adminBHeaders: Headers

beforeAll(async () => {
  t = await createTestApp({}, { clock })
  const a = await buildOrganization(t.db)
  orgA = a.id
  adminA = await buildPerson(t.db, { organizationId: orgA, role: 'admin', name: 'Ada Admin' })
  adminAHeaders = await sessionHeadersFor(t.db, adminA)
  managerAHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: orgA, role: 'program_manager', name: 'Pat Manager' }),
  )
  participantA = await buildPerson(t.db, { organizationId: orgA, name: 'Cai Peer' })
  partnerA = await buildPerson(t.db, { organizationId: orgA, name: 'Dee Peer' })
  const program = await buildProgram(t.db, { organizationId: orgA, status: 'active' })
  programA = program.id
  for (const member of [participantA, partnerA]) {
    await buildEnrollment(t.db, { program, person: member })
  }
  const match = await buildMatch(t.db, {
    organizationId: orgA,
    programId: programA,
    memberIds: [participantA.id, partnerA.id],
    status: 'active',
  })
  matchA = match.id
  const session = await buildSession(t.db, { match, status: 'held' })
  sessionA = session.id
  await buildPrivateWords(t.db, {
    organizationId: orgA,
    matchId: matchA,
    sessionId: sessionA,
    authorId: participantA.id,
    partnerId: partnerA.id,
    text: SECRET,
  })
  const b = await buildOrganization(t.db)
  personB = await buildPerson(t.db, { organizationId: b.id, name: 'Bea Elsewhere' })
  adminBHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: b.id, role: 'admin' }))
  programB = (await buildProgram(t.db, { organizationId: b.id, status: 'active' })).id
})
afterAll(() => t.close())

async function createToken(
  scopes: ApiTokenScope[],
  { headers = adminAHeaders, expiresInDays = null as number | null, name = 'HR sync' } = {},
) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/api-tokens',
    headers,
    payload: { name, scopes, expiresInDays },
  })
  expect(response.statusCode).toBe(201)
  const body = response.json() as { token: { id: string; prefix: string; status: string }; secret: string }
  return { ...body, bearer: { authorization: `Bearer ${body.secret}` } }
}

const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })

describe('creating, listing and revoking (admins only)', () => {
  test('an admin creates a token: the secret starts tdm_, is shown once and stored as a hash; the list never shows it', async () => {
    const { token, secret } = await createToken(['people:read'], { name: 'Payroll' })
    expect(secret).toMatch(/^tdm_[\w-]{43}$/)
    expect(secret.startsWith(token.prefix)).toBe(true)
    expect(token.prefix.length).toBeLessThan(12)
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(secret.slice(4))
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/)
    const list = await get('/api/api-tokens', adminAHeaders)
    expect(list.statusCode).toBe(200)
    expect(list.body).not.toContain(secret)
    expect(list.json().tokens.find((row: { id: string }) => row.id === token.id)).toMatchObject({
      name: 'Payroll',
      scopes: ['people:read'],
      status: 'active',
      createdBy: { id: adminA.id, name: 'Ada Admin' },
      expiresAt: null,
      lastUsedAt: null,
    })
    // Another organization's admin sees none of it and cannot revoke it.
    expect((await get('/api/api-tokens', adminBHeaders)).json().tokens).toEqual([])
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/api-tokens/${token.id}/revoke`,
      headers: adminBHeaders,
    })
    expect(foreign.statusCode).toBe(404)
  })

  test('program managers cannot list or create tokens (403); bad bodies are 400 with the field named', async () => {
    expect((await get('/api/api-tokens', managerAHeaders)).statusCode).toBe(403)
    const byManager = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: managerAHeaders,
      payload: { name: 'x', scopes: ['people:read'], expiresInDays: null },
    })
    expect(byManager.statusCode).toBe(403)
    for (const payload of [
      { name: 'x', scopes: [], expiresInDays: null },
      { name: 'x', scopes: ['notes:read'], expiresInDays: null },
      { name: '', scopes: ['people:read'], expiresInDays: null },
      { name: 'x', scopes: ['people:read'], expiresInDays: 0 },
      { name: 'x', scopes: ['people:read', 'people:read'], expiresInDays: null },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: adminAHeaders, payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
  })

  test('creation and revocation are audited, naming the token; a second revocation is a 409', async () => {
    const { token } = await createToken(['programs:read'], { name: 'BI dashboard' })
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/api-tokens/${token.id}/revoke`,
      headers: adminAHeaders,
    })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toMatchObject({ status: 'revoked' })
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/api-tokens/${token.id}/revoke`,
      headers: adminAHeaders,
    })
    expect(again.statusCode).toBe(409)
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id'])
      .where('target_id', '=', token.id)
      .orderBy('id')
      .execute()
    expect(events).toEqual([
      { action: 'api_token.created', actor_id: adminA.id, target_id: token.id },
      { action: 'api_token.revoked', actor_id: adminA.id, target_id: token.id },
    ])
  })
})

describe('a Bearer token', () => {
  test('with people:read lists people, gets 403 on a write and 403 on every private content route', async () => {
    const { bearer } = await createToken(['people:read'])
    const people = await get('/api/people', bearer)
    expect(people.statusCode).toBe(200)
    const names = people.json().people.map((row: { name: string }) => row.name)
    expect(names).toEqual(expect.arrayContaining(['Ada Admin', 'Cai Peer']))
    expect((await get(`/api/people/${participantA.id}`, bearer)).statusCode).toBe(200)
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${participantA.id}`,
      headers: bearer,
      payload: { title: 'Changed by a token' },
    })
    expect(write.statusCode).toBe(403)
    expect(write.json().error.code).toBe('insufficient_scope')
    const privateRoutes = [
      `/api/matches/${matchA}`,
      `/api/matches/${matchA}/notes`,
      `/api/matches/${matchA}/reflections`,
      `/api/matches/${matchA}/feedback`,
      `/api/matches/${matchA}/wellbeing-checkins`,
      `/api/matches/${matchA}/sessions`,
      `/api/matches/${matchA}/goals`,
      `/api/matches/${matchA}/agreement`,
      `/api/sessions/${sessionA}`,
      '/api/me/profile',
      '/api/me/data-export',
      '/api/audit-events',
      '/api/outbox',
    ]
    const refused: string[] = []
    for (const url of privateRoutes) {
      const response = await get(url, bearer)
      expect(response.body).not.toContain(SECRET)
      // A guessed address that is no route at all answers route_not_found (404) before any token check.
      if (response.json().error.code === 'route_not_found') continue
      expect(response.statusCode, url).toBe(403)
      expect(response.json().error.code, url).toBe('api_token_not_allowed')
      refused.push(url)
    }
    expect(refused.length).toBeGreaterThanOrEqual(8)
  })

  test('expired and revoked tokens are 401 with WWW-Authenticate; so is an unknown or malformed one', async () => {
    const expiring = await createToken(['people:read'], { expiresInDays: 1 })
    expect((await get('/api/people', expiring.bearer)).statusCode).toBe(200)
    const revoking = await createToken(['people:read'])
    expect((await get('/api/people', revoking.bearer)).statusCode).toBe(200)
    await t.app.inject({ method: 'POST', url: `/api/api-tokens/${revoking.token.id}/revoke`, headers: adminAHeaders })
    const revoked = await get('/api/people', revoking.bearer)
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().error.code).toBe('unauthenticated')
    expect(revoked.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
    for (const authorization of ['Bearer tdm_unknown', 'Bearer ', 'bearer nonsense', `Bearer ${expiring.secret}x`]) {
      expect((await get('/api/people', { authorization })).statusCode, authorization).toBe(401)
    }
    clock.advance(24 * 60 * 60 * 1000 + 1)
    try {
      expect((await get('/api/people', expiring.bearer)).statusCode).toBe(401)
      const listed = (await get('/api/api-tokens', await sessionHeadersFor(t.db, adminA))).json().tokens
      expect(listed.find((row: { id: string }) => row.id === expiring.token.id).status).toBe('expired')
    } finally {
      clock.advance(-(24 * 60 * 60 * 1000 + 1))
    }
  })

  test('a bad Bearer token is refused even beside a valid session cookie, and on a public route: the request is the token alone', async () => {
    for (const authorization of ['Bearer tdm_nope', 'Bearer', 'Bearer   ']) {
      expect((await get('/api/people', { ...adminAHeaders, authorization })).statusCode, authorization).toBe(401)
      expect((await get('/api/setup', { authorization })).statusCode, authorization).toBe(401)
    }
    // Another scheme is no token: the cookie decides, as before.
    expect((await get('/api/people', { ...adminAHeaders, authorization: 'Basic eDp5' })).statusCode).toBe(200)
  })

  test('a token of organization A sees nothing of organization B', async () => {
    const { bearer } = await createToken(['people:read', 'programs:read', 'insights:read', 'people:write'])
    const people = (await get('/api/people?limit=100', bearer)).json().people.map((row: { id: string }) => row.id)
    expect(people).not.toContain(personB.id)
    expect((await get(`/api/people/${personB.id}`, bearer)).statusCode).toBe(404)
    expect((await get(`/api/programs/${programB}`, bearer)).statusCode).toBe(404)
    expect((await get(`/api/programs/${programB}/insights`, bearer)).statusCode).toBe(404)
    const programs = (await get('/api/programs', bearer)).json().programs.map((row: { id: string }) => row.id)
    expect(programs).toContain(programA)
    expect(programs).not.toContain(programB)
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${personB.id}`,
      headers: bearer,
      payload: { title: 'Not yours' },
    })
    expect(write.statusCode).toBe(404)
  })

  test('with people:write changes a person without a CSRF token; the audit event names the token, not the admin', async () => {
    const { bearer, token } = await createToken(['people:write'], { name: 'HRIS' })
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${partnerA.id}`,
      headers: bearer,
      payload: { title: 'Staff engineer' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().title).toBe('Staff engineer')
    const event = await t.db
      .selectFrom('audit_events')
      .select(['actor_id', 'actor_api_token_id', 'action'])
      .where('target_id', '=', partnerA.id)
      .where('action', '=', 'person.updated')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(event).toEqual({ actor_id: null, actor_api_token_id: token.id, action: 'person.updated' })
    const log = (await get('/api/audit-events?action=person.updated', adminAHeaders)).json().events
    expect(log[0]).toMatchObject({ actor: null, apiToken: { id: token.id, name: 'HRIS' } })
    // Roles are people's to decide, and the organization keeps an admin.
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${partnerA.id}`,
      headers: bearer,
      payload: { role: 'admin' },
    })
    expect(promote.statusCode).toBe(403)
    const lastAdmin = await t.app.inject({
      method: 'POST',
      url: `/api/people/${adminA.id}/deactivate`,
      headers: bearer,
      payload: {},
    })
    expect(lastAdmin.statusCode).toBe(409)
    expect(lastAdmin.json().error.code).toBe('last_admin')
    // people:write alone does not read the directory.
    expect((await get('/api/people', bearer)).json().error.code).toBe('insufficient_scope')
  })

  test('insights:read gets exactly the figures a program manager gets (hidden below the threshold), no names, no private words', async () => {
    const { bearer } = await createToken(['insights:read'])
    const asManager = await get(`/api/programs/${programA}/insights`, managerAHeaders)
    const asToken = await get(`/api/programs/${programA}/insights`, bearer)
    expect(asToken.statusCode).toBe(200)
    const { atRisk: _managerAtRisk, generatedAt: _g1, ...managerFigures } = asManager.json()
    const { atRisk, generatedAt: _g2, ...tokenFigures } = asToken.json()
    expect(tokenFigures).toEqual(managerFigures)
    expect(atRisk).toEqual([])
    expect(asToken.body).not.toContain(SECRET)
    expect(asToken.body).not.toContain('Cai Peer')
    for (const url of [
      '/api/insights/overview',
      '/api/insights/retention',
      `/api/programs/${programA}/insights.csv?figure=at-risk`,
    ]) {
      const response = await get(url, bearer)
      expect(response.statusCode, url).toBe(200)
      expect(response.body).not.toContain(SECRET)
      expect(response.body).not.toContain('Cai Peer')
    }
    // Only the marked insights: the at-risk list and a match's page name people.
    expect((await get(`/api/programs/${programA}/insights/at-risk`, bearer)).json().error.code).toBe(
      'api_token_not_allowed',
    )
    expect((await get(`/api/programs/${programA}/matches/${matchA}/health`, bearer)).json().error.code).toBe(
      'api_token_not_allowed',
    )
  })

  test('last use is stamped at most once a minute', async () => {
    const { bearer, token } = await createToken(['programs:read'])
    const lastUsed = async () =>
      (await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow())
        .last_used_at
    expect(await lastUsed()).toBeNull()
    expect((await get('/api/programs', bearer)).statusCode).toBe(200)
    const first = await lastUsed()
    expect(first?.toISOString()).toBe(clock.now().toISOString())
    clock.advance(30_000)
    await get('/api/programs', bearer)
    expect((await lastUsed())?.toISOString()).toBe(first?.toISOString())
    clock.advance(31_000)
    await get('/api/programs', bearer)
    expect((await lastUsed())?.toISOString()).toBe(clock.now().toISOString())
  })

  test('the OpenAPI document describes the bearer scheme and lists it only on the routes that accept it', async () => {
    const document = (await get('/api/docs/json', {})).json()
    expect(document.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(document.paths['/api/people'].get.security).toEqual([{ session: [] }, { apiToken: [] }])
    expect(document.paths['/api/people'].get.description).toContain('people:read')
    expect(document.paths['/api/programs/{programId}/insights'].get.security).toContainEqual({ apiToken: [] })
    expect(JSON.stringify(document.paths['/api/matches/{matchId}/notes'])).not.toContain('apiToken')
    expect(JSON.stringify(document.paths['/api/api-tokens'])).not.toContain('apiToken')
  })
})
