import { afterAll, beforeAll, expect, test } from 'vitest'
import { API_TOKEN_SCOPES, type ApiTokenScope } from '#contracts/api-tokens.ts'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// The whole allow-list (decision 043): a route joins it only with a reviewed change here. None of
// them carries private content (notes, reflections, feedback, check-ins, sessions, workspaces).
const allowList: Record<string, ApiTokenScope> = {
  'GET /api/people': 'people:read',
  'GET /api/people/facets': 'people:read',
  'GET /api/people/:personId': 'people:read',
  'PATCH /api/people/:personId': 'people:write',
  'POST /api/people/:personId/deactivate': 'people:write',
  'POST /api/people/:personId/reactivate': 'people:write',
  'GET /api/programs': 'programs:read',
  'GET /api/programs/:programId': 'programs:read',
  'GET /api/programs/:programId/insights': 'insights:read',
  'GET /api/programs/:programId/insights.csv': 'insights:read',
  'GET /api/insights/overview': 'insights:read',
  'GET /api/insights/retention': 'insights:read',
  'GET /api/insights/retention.csv': 'insights:read',
}

const someId = '00000000-0000-4000-8000-000000000000'
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)

let t: TestApp
let admin: Record<string, string>
beforeAll(async () => {
  t = await createTestApp()
  const organization = await buildOrganization(t.db)
  admin = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: organization.id, role: 'admin' }))
})
afterAll(() => t.close())

async function bearer(scopes: readonly ApiTokenScope[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/api-tokens',
    headers: admin,
    payload: { name: `sweep ${scopes.join(' ')}`, scopes, expiresInDays: null },
  })
  expect(response.statusCode).toBe(201)
  return { authorization: `Bearer ${response.json().secret}` }
}

function apiRoutes() {
  return listRegisteredRoutes(t.app).filter(
    (route) => route.method !== 'HEAD' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'),
  )
}

function call(route: { method: string; url: string }, headers: Record<string, string>) {
  return t.app.inject({
    method: route.method as 'GET',
    url: route.url.replace(/:\w+/g, someId),
    headers,
    ...(isWrite(route.method) ? { payload: { unexpected: 'field' } } : {}),
  })
}

const codeOf = (body: string) => ErrorResponseSchema.safeParse(JSON.parse(body || 'null')).data?.error.code

test('the routes marked for API tokens are exactly the allow-list', () => {
  const marked = Object.fromEntries(
    apiRoutes()
      .filter((route) => route.apiTokenScope)
      .map((route) => [`${route.method} ${route.url}`, route.apiTokenScope]),
  )
  expect(marked).toEqual(allowList)
})

test('a token with every scope is refused (403 api_token_not_allowed) on every route without the marker, public ones included', async () => {
  const headers = await bearer(API_TOKEN_SCOPES)
  const routes = apiRoutes().filter((route) => !route.apiTokenScope)
  expect(routes.length).toBeGreaterThan(100)
  const wrong: string[] = []
  for (const route of routes) {
    const response = await call(route, headers)
    if (response.statusCode !== 403 || codeOf(response.body) !== 'api_token_not_allowed') {
      wrong.push(`${route.method} ${route.url} -> ${response.statusCode} ${response.body.slice(0, 100)}`)
    }
  }
  expect(wrong).toEqual([])
})

test('on a marked route a token passes with its scope and is refused (403 insufficient_scope) with every other', async () => {
  const all = await bearer(API_TOKEN_SCOPES)
  const wrong: string[] = []
  for (const route of apiRoutes().filter((entry) => entry.apiTokenScope)) {
    const scope = route.apiTokenScope as ApiTokenScope
    const admitted = await call(route, all)
    // The token passes the gate and the route's own guard: what follows is the route's answer
    // (404 for the made-up id, 400 for the made-up body), never a refusal of the token.
    if ([401, 403].includes(admitted.statusCode))
      wrong.push(`${route.method} ${route.url} refused a token with ${scope}`)
    const others = await bearer(API_TOKEN_SCOPES.filter((other) => other !== scope))
    const refused = await call(route, others)
    if (refused.statusCode !== 403 || codeOf(refused.body) !== 'insufficient_scope') {
      wrong.push(`${route.method} ${route.url} without ${scope} -> ${refused.statusCode}`)
    }
  }
  expect(wrong).toEqual([])
})
