import { afterAll, beforeAll, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Routes that must work without a session. Everything else answers 401 to an anonymous caller.
const publicRoutes = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-in/mfa',
  'POST /api/auth/sign-out',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/complete',
  'GET /api/invitations/:token',
  'POST /api/invitations/accept',
  // An email's unsubscribe link: its token is the credential (issue #6 point 6).
  'GET /api/unsubscribe/:token',
  'POST /api/unsubscribe/:token',
  'POST /api/unsubscribe/:token/one-click',
  // Single sign-on (issue #15): the sign-in page's buttons, the start and the provider's callback.
  'GET /api/auth/sign-in-options',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  // SAML (decision 039): the SP metadata, the start and the assertion consumer service.
  'GET /api/auth/saml/metadata',
  'GET /api/auth/saml/start',
  'POST /api/auth/saml/acs',
  'GET /api/auth/saml/finish',
])

const someId = '00000000-0000-4000-8000-000000000000'
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

function apiRoutes() {
  return listRegisteredRoutes(t.app).filter(
    (route) => route.method !== 'HEAD' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'),
  )
}

test('every non-public route answers 401 with the error shape to an anonymous caller, whatever the body', async () => {
  const routes = apiRoutes().filter((route) => !publicRoutes.has(`${route.method} ${route.url}`))
  expect(routes.length).toBeGreaterThan(20)
  const wrong: string[] = []
  for (const route of routes) {
    const response = await t.app.inject({
      method: route.method as 'GET',
      url: route.url.replace(/:\w+/g, someId),
      ...(isWrite(route.method) ? { payload: { unexpected: 'field' } } : {}),
    })
    const body = ErrorResponseSchema.safeParse(JSON.parse(response.body || 'null'))
    if (response.statusCode !== 401 || !body.success || body.data.error.code !== 'unauthenticated') {
      wrong.push(`${route.method} ${route.url} -> ${response.statusCode} ${response.body.slice(0, 120)}`)
    }
  }
  expect(wrong).toEqual([])
})

test('every cookie-authenticated write without the CSRF token answers 403 csrf_invalid', async () => {
  const organization = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  const { cookie } = await sessionHeadersFor(t.db, admin)
  const writes = apiRoutes().filter(
    (route) => isWrite(route.method) && !publicRoutes.has(`${route.method} ${route.url}`),
  )
  expect(writes.length).toBeGreaterThan(10)
  const wrong: string[] = []
  for (const route of writes) {
    const response = await t.app.inject({
      method: route.method as 'POST',
      url: route.url.replace(/:\w+/g, someId),
      headers: { cookie },
      payload: {},
    })
    const body = ErrorResponseSchema.safeParse(JSON.parse(response.body || 'null'))
    if (response.statusCode !== 403 || body.data?.error.code !== 'csrf_invalid') {
      wrong.push(`${route.method} ${route.url} -> ${response.statusCode}`)
    }
  }
  expect(wrong).toEqual([])
})

// Writes any signed-in person may make on their own behalf: an invalid body to them is rightly a 400.
const selfServiceWrites = [
  'POST /api/auth/mfa/setup',
  'POST /api/auth/mfa/confirm',
  'POST /api/auth/mfa/disable',
  'PATCH /api/me/profile',
  'DELETE /api/auth/sessions/:sessionId',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/read-all',
  'PUT /api/me/email-preferences',
  'PUT /api/programs/:programId/enrollment',
  'POST /api/programs/:programId/enrollment/accept-terms',
  'DELETE /api/programs/:programId/enrollment',
  'POST /api/auth/sign-in-notice/dismiss',
  'POST /api/me/data-export',
]
// Writes of a match's members (and, for some, its program's managers). Membership is decided by the
// service from the resource (match, session, goal, note...), after validation; the role is not the
// guard here, and the contract refusing a body tells an outsider nothing the OpenAPI document does not.
const memberWrites = [
  'POST /api/matches/:matchId/respond',
  'PUT /api/matches/:matchId/agreement',
  'POST /api/matches/:matchId/agreement/accept',
  'POST /api/matches/:matchId/goals',
  'PATCH /api/goals/:goalId',
  'POST /api/goals/:goalId/milestones',
  'PATCH /api/goals/:goalId/milestones/:milestoneId',
  'POST /api/goals/:goalId/updates',
  'POST /api/matches/:matchId/sessions',
  'PATCH /api/sessions/:sessionId',
  'POST /api/sessions/:sessionId/cancel',
  'POST /api/sessions/:sessionId/status',
  'POST /api/matches/:matchId/notes',
  'PATCH /api/notes/:noteId',
  'DELETE /api/notes/:noteId',
  'POST /api/matches/:matchId/reflections',
  'PATCH /api/reflections/:reflectionId',
  'DELETE /api/reflections/:reflectionId',
  'POST /api/matches/:matchId/action-items',
  'PATCH /api/action-items/:actionItemId',
  'DELETE /api/action-items/:actionItemId',
  'POST /api/matches/:matchId/feedback/check',
  'POST /api/sessions/:sessionId/feedback',
  'POST /api/matches/:matchId/wellbeing-checkins',
  'POST /api/matches/:matchId/support-requests',
  'POST /api/matches/:matchId/fit',
  'POST /api/matches/:matchId/repair-requests',
  'POST /api/matches/:matchId/repair-requests/:requestId/withdraw',
  'POST /api/matches/:matchId/complete',
  'POST /api/matches/:matchId/dissolve',
  'POST /api/matches/:matchId/closing-survey',
]
const selfServiceOrMemberWrites = new Set([...selfServiceWrites, ...memberWrites])

test('role checks come before the body: a participant sending an invalid body to a manager or admin route gets 403/404, never 400', async () => {
  const organization = await buildOrganization(t.db)
  const participant = await buildPerson(t.db, { organizationId: organization.id, role: 'participant' })
  const headers = await sessionHeadersFor(t.db, participant)
  const writes = apiRoutes().filter(
    (route) =>
      isWrite(route.method) &&
      !publicRoutes.has(`${route.method} ${route.url}`) &&
      !selfServiceOrMemberWrites.has(`${route.method} ${route.url}`),
  )
  expect(writes.length).toBeGreaterThan(20)
  const wrong: string[] = []
  for (const route of writes) {
    const response = await t.app.inject({
      method: route.method as 'POST',
      url: route.url.replace(/:\w+/g, someId),
      headers,
      payload: { unexpected: 'field' },
    })
    if (![403, 404].includes(response.statusCode)) wrong.push(`${route.method} ${route.url} -> ${response.statusCode}`)
  }
  expect(wrong).toEqual([])
})

test('every route guarded for admins refuses a program manager before reading the body or query: 403/404, never 400', async () => {
  const organization = await buildOrganization(t.db)
  const manager = await buildPerson(t.db, { organizationId: organization.id, role: 'program_manager' })
  const headers = await sessionHeadersFor(t.db, manager)
  const adminRoutes = apiRoutes().filter((route) => route.requiredRole === 'admin')
  // The guards are found on the routes (requireRole and requireRoleOrNotFound name their role), and
  // each runs before validation: a guard moved to preHandler would let the body be judged first.
  expect(adminRoutes.length).toBeGreaterThan(20)
  const late = apiRoutes().filter((route) => route.requiredRole && route.roleGuardHook === 'preHandler')
  expect(late.map((route) => `${route.method} ${route.url}`)).toEqual([])
  expect(apiRoutes().filter((route) => route.requiredRole === 'program_manager').length).toBeGreaterThan(10)
  const wrong: string[] = []
  for (const route of adminRoutes) {
    const response = await t.app.inject({
      method: route.method as 'POST',
      url: `${route.url.replace(/:\w+/g, someId)}?unexpected=1`,
      headers,
      ...(isWrite(route.method) ? { payload: { unexpected: 'field' } } : {}),
    })
    if (![403, 404].includes(response.statusCode)) wrong.push(`${route.method} ${route.url} -> ${response.statusCode}`)
  }
  expect(wrong).toEqual([])
})

// SCIM (decision 042) is outside /api and authenticated by the organization's SCIM token alone: no
// session cookie, no CSRF token. Every SCIM route refuses an anonymous caller, a signed-in admin's
// cookie and a wrong token with 401 in SCIM's error shape, before reading the body.
test('every SCIM route is token-authenticated: anonymous, a session cookie or a wrong token get 401 in the SCIM error shape', async () => {
  const organization = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  const { cookie } = await sessionHeadersFor(t.db, admin)
  const scimRoutes = listRegisteredRoutes(t.app).filter(
    (route) => route.method !== 'HEAD' && route.url.startsWith('/scim/'),
  )
  expect(scimRoutes.length).toBeGreaterThanOrEqual(17)
  const callers: Record<string, Record<string, string>> = {
    anonymous: {},
    'a session cookie': { cookie: cookie ?? '' },
    'a wrong token': { authorization: 'Bearer tandem_scim_not-a-token' },
  }
  const wrong: string[] = []
  for (const route of scimRoutes) {
    for (const [who, headers] of Object.entries(callers)) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: route.url.replace(/:\w+/g, someId),
        headers: { ...headers, 'content-type': 'application/scim+json' },
        ...(isWrite(route.method) ? { payload: '{"not json' } : {}),
      })
      const body = JSON.parse(response.body || 'null')
      if (response.statusCode !== 401 || body?.schemas?.[0] !== 'urn:ietf:params:scim:api:messages:2.0:Error') {
        wrong.push(`${route.method} ${route.url} (${who}) -> ${response.statusCode}`)
      }
    }
  }
  expect(wrong).toEqual([])
})
