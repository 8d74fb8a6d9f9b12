import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { listRegisteredRoutes, type RegisteredRoute } from '#server/app.ts'
import {
  type ArbitraryContext,
  type Malformation,
  malformations,
  plausibleValue,
  type ZodLike,
} from '#server/test/contract-arbitraries.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Every write operation of the OpenAPI document gets malformed bodies, params and query strings
// built from its own contract (NUL and lone surrogates inside otherwise valid values, the wrong
// types, overlong strings, unknown fields, out-of-range dates and numbers, an empty PATCH, overlong
// and garbage path parameters, malformed JSON), sent through the real server by a caller allowed past
// the guards: an admin who is also a member of a real match, with real ids in the path. Each answer
// must be a 4xx in the error shape, and no row of any table may change.
//
// Coverage is derived from the route list: a new write route is covered as soon as its path
// parameters are known below (the test fails and says which to add otherwise).

const NUM_RUNS = Number(process.env.BAD_INPUT_RUNS ?? 6)
const SEED = Number(process.env.BAD_INPUT_SEED ?? Date.now() % 2 ** 31)

// Tables a refused request may still touch: auth_sessions.last_seen_at is refreshed (at most once a
// minute) by any signed-in request, before validation, and it is not data the request asked to write;
// rate_limit_counters counts every request to a rate-limited route, refused or not (decision 017);
// scim_tokens.last_used_at is refreshed (at most once a minute) by any SCIM request, like a session.
// instance_heartbeats, program_insight_snapshots and program_at_risk_entries are written by timers
// every 30 s (the instance's heartbeat, the dashboard's refresh jobs, which rewrite a program's
// at-risk entries with its snapshot), whatever is requested: a sweep longer than that (a busy
// machine) saw them change after whichever route it was at.
const CHANGING_TABLES = new Set([
  'auth_sessions',
  'rate_limit_counters',
  'scim_tokens',
  'instance_heartbeats',
  'program_insight_snapshots',
  'program_at_risk_entries',
])

let t: TestApp
let headers: Record<string, string>
/** Path parameter name -> a real id of the admin's organization (or a well-formed one where none is built). */
const paramValues: Record<string, string> = {}
/** Route-specific path parameter values where the name alone is ambiguous. */
const routeParamValues: Record<string, Record<string, string>> = {
  'DELETE /api/auth/sessions/:sessionId': { sessionId: '0123456789abcdef0123456789abcdef' },
}
let context: ArbitraryContext

async function post(url: string, payload: object): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url, headers, payload })
  if (response.statusCode >= 300) throw new Error(`setup ${url} -> ${response.statusCode} ${response.body}`)
  return response.json().id as string
}

beforeAll(async () => {
  t = await createTestApp()
  const organization = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  const partner = await buildPerson(t.db, { organizationId: organization.id })
  headers = await sessionHeadersFor(t.db, admin)
  const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [admin.id, partner.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, organizerId: admin.id })
  const goalId = await post(`/api/matches/${match.id}/goals`, {
    title: 'Listen more',
    measure: 'Fewer interruptions',
    target: 'Half as many',
    dueOn: '2030-06-01',
  })
  Object.assign(paramValues, {
    programId: program.id,
    matchId: match.id,
    personId: partner.id,
    sessionId: session.id,
    goalId,
    milestoneId: await post(`/api/goals/${goalId}/milestones`, { title: 'First week' }),
    skillId: await post('/api/skills', { name: 'Listening' }),
    themeId: await post('/api/themes', { name: 'Growth' }),
    noteId: await post(`/api/matches/${match.id}/notes`, { body: 'Shared words' }),
    reflectionId: await post(`/api/matches/${match.id}/reflections`, { body: 'Private words' }),
    actionItemId: await post(`/api/matches/${match.id}/action-items`, { title: 'Read', ownerId: admin.id }),
    // Well-formed ids of nothing: requests with them still pass validation first.
    runId: '00000000-0000-4000-8000-000000000001',
    ruleId: '00000000-0000-4000-8000-000000000002',
    importId: '00000000-0000-4000-8000-000000000003',
    requestId: '00000000-0000-4000-8000-000000000004',
    jobId: '00000000-0000-4000-8000-000000000005',
    id: '00000000-0000-4000-8000-000000000006',
    exerciseId: '00000000-0000-4000-8000-000000000007',
    questionId: '00000000-0000-4000-8000-000000000008',
    endpointId: '00000000-0000-4000-8000-000000000027',
    deliveryId: '00000000-0000-4000-8000-000000000028',
    token: 'a'.repeat(43),
    tokenId: '00000000-0000-4000-8000-000000000009',
  })
  context = { ids: [admin.id, partner.id, match.id, session.id, program.id, paramValues.skillId as string] }
}, 120_000)
afterAll(() => t.close())

/** One checksum per table of every row, so a refused request that wrote anything shows. */
async function tableChecksums(): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.db)
  const perTable = tables
    .filter(({ name }) => !CHANGING_TABLES.has(name))
    .map(
      ({ name }) =>
        sql`select ${name} as name, (select md5(coalesce(string_agg(x::text, '' order by x::text), '')) from ${sql.table(name)} x) as sum`,
    )
  const { rows } = await sql<{ name: string; sum: string }>`${sql.join(perTable, sql` union all `)}`.execute(t.db)
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]))
}

/** The caller must stay signed in throughout, or every later answer would be a meaningless 401. */
async function isStillSignedIn(): Promise<boolean> {
  const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })
  return response.statusCode === 200
}

function writeOperations(): RegisteredRoute[] {
  return listRegisteredRoutes(t.app).filter(
    (route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && route.url.startsWith('/api/'),
  )
}

function paramsFor(route: RegisteredRoute): Record<string, string> | string {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
  const specific = routeParamValues[`${route.method} ${route.url}`] ?? {}
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = specific[name] ?? paramValues[name]
    if (value === undefined) {
      return `${route.method} ${route.url}: add a value for :${name} to paramValues (or routeParamValues) in bad-input.property.test.ts`
    }
    values[name] = value
  }
  return values
}

const fillPath = (url: string, params: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? '')

const GARBAGE_PARAMS = [
  'x'.repeat(101),
  'x'.repeat(5000),
  'not-an-id',
  '%00',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded
  '%E0%A4%A', // broken percent-encoding
  '..%2F..%2Fetc',
  '00000000-0000-4000-8000-00000000000%00',
]
const MALFORMED_JSON = ['{"a":', '{', '[1,', 'nul', '{"a":1}}', '\u0000', '{"a":"\\ud800"', '{"__proto__":{"x":1}}']

interface Attempt {
  how: string
  url: string
  payload?: unknown
  rawJson?: string
}

function attemptsFor(route: RegisteredRoute, params: Record<string, string>): fc.Arbitrary<Attempt> {
  const body = route.input.body as ZodLike | undefined
  const query = route.input.querystring as ZodLike | undefined
  const url = fillPath(route.url, params)
  const bodyValue = body ? plausibleValue(body, context) : fc.constant(undefined)
  const choices: fc.Arbitrary<Attempt>[] = []
  if (body) {
    choices.push(
      bodyValue.chain((value) => {
        const broken: Malformation[] = malformations(body, value)
        if (route.method === 'PATCH') broken.push({ path: 'body', how: 'an empty PATCH', value: {} })
        return broken.length === 0
          ? fc.constant({ how: 'the wrong type', url, payload: 42 })
          : fc.constantFrom(...broken).map((malformation) => ({
              how: `${malformation.path}: ${malformation.how}`,
              url,
              payload: malformation.value,
            }))
      }),
    )
    choices.push(fc.constantFrom(...MALFORMED_JSON).map((rawJson) => ({ how: 'malformed JSON', url, rawJson })))
  }
  const names = Object.keys(params)
  if (names.length > 0) {
    choices.push(
      fc
        .tuple(fc.constantFrom(...names), fc.constantFrom(...GARBAGE_PARAMS), bodyValue)
        .map(([name, garbage, payload]) => ({
          how: `params.${name}: garbage`,
          url: fillPath(route.url, { ...params, [name]: garbage }),
          payload,
        })),
    )
  }
  const queryKeys = query ? Object.keys(query._zod.def.shape ?? {}) : []
  choices.push(
    fc
      .tuple(fc.constantFrom('unexpected', ...queryKeys), fc.constantFrom('%00', 'x%00', '%ED%A0%80'), bodyValue)
      .map(([key, garbage, payload]) => ({
        how: `querystring.${key}: ${key === 'unexpected' ? 'an unknown parameter' : 'garbage'}`,
        url: `${url}?${key}=${garbage}`,
        payload,
      })),
  )
  return fc.oneof(...choices)
}

async function send(route: RegisteredRoute, attempt: Attempt) {
  const isRaw = attempt.rawJson !== undefined
  return t.app.inject({
    method: route.method as 'POST',
    url: attempt.url,
    headers: { ...headers, ...(isRaw || attempt.payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    payload: isRaw ? attempt.rawJson : attempt.payload === undefined ? undefined : JSON.stringify(attempt.payload),
  })
}

test('every write operation of the OpenAPI document is covered, with a way to build its path parameters', () => {
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> }
  const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .map((method) => method.toUpperCase())
      .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
      .map((method) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  )
  const covered = new Set(writeOperations().map((route) => `${route.method} ${route.url}`))
  expect(documented.length).toBeGreaterThan(60)
  expect(documented.filter((operation) => !covered.has(operation))).toEqual([])
  const missing = writeOperations()
    .map(paramsFor)
    .filter((result): result is string => typeof result === 'string')
  expect(missing).toEqual([])
})

test(
  'every route, every time: overlong path parameters and each malformed JSON body answer a 4xx in the error shape and change no row',
  async () => {
    // The property below picks among malformations at random; these two the acceptance names are sent
    // to every route deterministically, so no run can miss a route.
    const before = await tableChecksums()
    const failures: string[] = []
    let sent = 0
    const routes = listRegisteredRoutes(t.app).filter(
      (route) => route.method !== 'HEAD' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'),
    )
    for (const route of routes) {
      const params = paramsFor(route)
      if (typeof params === 'string') {
        failures.push(params)
        continue
      }
      const attempts: Attempt[] = []
      for (const name of Object.keys(params)) {
        for (const length of [101, 5000]) {
          attempts.push({
            how: `params.${name}: ${length} characters`,
            url: fillPath(route.url, { ...params, [name]: 'x'.repeat(length) }),
          })
        }
      }
      if (route.method !== 'GET') {
        for (const rawJson of MALFORMED_JSON)
          attempts.push({ how: 'malformed JSON', url: fillPath(route.url, params), rawJson })
      }
      for (const attempt of attempts) {
        const response = await send(route, attempt)
        sent++
        const parsed = ErrorResponseSchema.safeParse(JSON.parse(response.body || 'null'))
        if (response.statusCode < 400 || response.statusCode >= 500 || !parsed.success) {
          failures.push(
            `${route.method} ${route.url} ${attempt.how} ${JSON.stringify(attempt.rawJson ?? '')}: ${response.statusCode} ${response.body.slice(0, 120)}`,
          )
        }
      }
    }
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(routes.length)
    const after = await tableChecksums()
    expect(Object.keys(before).filter((table) => before[table] !== after[table])).toEqual([])
    expect(await isStillSignedIn()).toBe(true)
  },
  5 * 60_000,
)

test(
  'malformed input to every write operation answers a 4xx in the error shape and changes no row',
  async () => {
    const failures: string[] = []
    for (const route of writeOperations()) {
      const params = paramsFor(route)
      if (typeof params === 'string') continue
      const before = await tableChecksums()
      const sent: string[] = []
      try {
        await fc.assert(
          fc.asyncProperty(attemptsFor(route, params), async (attempt) => {
            const response = await send(route, attempt)
            sent.push(`${attempt.how} -> ${response.statusCode}`)
            const parsed = ErrorResponseSchema.safeParse(JSON.parse(response.body || 'null'))
            if (response.statusCode < 400 || response.statusCode >= 500 || !parsed.success) {
              throw new Error(
                `${attempt.how}: ${response.statusCode} ${response.body.slice(0, 200)}\n  payload ${JSON.stringify(attempt.payload ?? attempt.rawJson)?.slice(0, 300)}`,
              )
            }
          }),
          { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
        )
      } catch (error) {
        failures.push(
          `${route.method} ${route.url} (BAD_INPUT_SEED=${SEED}): ${(error as Error).message.slice(0, 900)}`,
        )
      }
      const after = await tableChecksums()
      const changed = Object.keys(before).filter((table) => before[table] !== after[table])
      if (changed.length > 0) {
        failures.push(`${route.method} ${route.url} changed ${changed.join(', ')} after: ${sent.join('; ')}`)
      }
      if (!(await isStillSignedIn())) {
        failures.push(`${route.method} ${route.url} signed the caller out after: ${sent.join('; ')}`)
        break
      }
    }
    expect(failures).toEqual([])
  },
  15 * 60_000,
)

// SCIM (decision 042) lives outside /api with its own token and error shape: its routes get the same
// deterministic garbage (overlong and broken ids, malformed JSON, a broken filter) from a caller with a
// valid SCIM token, and must answer a 4xx in SCIM's error shape and change no row.
test('every SCIM route answers garbage ids, malformed JSON and a broken filter with a 4xx in the SCIM error shape and changes no row', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/organization/scim/token', headers })
  expect(created.statusCode).toBe(201)
  const bearer = { authorization: `Bearer ${created.json().secret}` }
  const routes = listRegisteredRoutes(t.app).filter(
    (route) => route.method !== 'HEAD' && route.url.startsWith('/scim/'),
  )
  expect(routes.length).toBeGreaterThanOrEqual(17)
  const before = await tableChecksums()
  const failures: string[] = []
  for (const route of routes) {
    const hasId = route.url.includes(':id')
    const urls = hasId ? GARBAGE_PARAMS.map((garbage) => route.url.replace(':id', garbage)) : []
    const attempts: { url: string; rawJson?: string }[] = urls.map((url) => ({ url }))
    if (route.method !== 'GET' && route.method !== 'DELETE') {
      const target = route.url.replace(':id', '00000000-0000-4000-8000-000000000000')
      for (const rawJson of MALFORMED_JSON) attempts.push({ url: target, rawJson })
    }
    const isFiltered = route.url === '/scim/v2/Users' || route.url === '/scim/v2/Groups'
    if (route.method === 'GET' && isFiltered) attempts.push({ url: `${route.url}?filter=%00` })
    for (const attempt of attempts) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: attempt.url,
        headers: { ...bearer, ...(attempt.rawJson !== undefined ? { 'content-type': 'application/scim+json' } : {}) },
        payload: attempt.rawJson,
      })
      const body = JSON.parse(response.body || 'null')
      const isScimError = body?.schemas?.[0] === 'urn:ietf:params:scim:api:messages:2.0:Error'
      if (response.statusCode < 400 || response.statusCode >= 500 || !isScimError) {
        failures.push(
          `${route.method} ${attempt.url.slice(0, 80)} ${JSON.stringify(attempt.rawJson ?? '')}: ${response.statusCode} ${response.body.slice(0, 120)}`,
        )
      }
    }
  }
  expect(failures).toEqual([])
  const after = await tableChecksums()
  expect(Object.keys(before).filter((table) => before[table] !== after[table])).toEqual([])
})
