import { afterAll, beforeAll, expect, test } from 'vitest'
import { listRegisteredRoutes } from '#server/app.ts'
import type { Db } from '#server/db/connect.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// One sweep over every route of the coaching workspace (issue #5), whatever module registers it:
// a person outside the match gets 404 on every workspace resource, whoever they are (a member of
// another match, a program manager, an admin, another organization's admin), and the partner gets
// 404 on the other member's private reflections. Each write is sent with a valid body, so the 404
// comes from the access rule and not from validation; afterwards no table of the workspace changed.
// A new route of these modules joins the sweep by itself (and fails it until it is guarded).

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const WORKSPACE_TAGS = new Set(['workspaces', 'sessions', 'notes', 'feedback', 'wellbeing', 'fit-and-exits'])
/** Routes for the program's managers: outsiders and participants still get 404 there. */
const MANAGER_ROUTES = new Set([
  'GET /api/programs/:programId/feedback-summary',
  'GET /api/programs/:programId/repair-requests',
  'POST /api/repair-requests/:requestId/resolve',
  'POST /api/programs/:programId/matches/:matchId/complete',
])
const WORKSPACE_TABLES = [
  'agreements',
  'goals',
  'goal_milestones',
  'goal_updates',
  'coaching_sessions',
  'session_notes',
  'reflections',
  'action_items',
  'feedback',
  'wellbeing_checkins',
  'support_requests',
  'match_surveys',
  'repair_requests',
  'notifications',
  'outbox_emails',
] as const

async function snapshot(db: Db) {
  const counts: Record<string, unknown> = {}
  for (const table of WORKSPACE_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  const matches = await db.selectFrom('matches').select(['id', 'status', 'end_reason']).orderBy('id').execute()
  const sessions = await db
    .selectFrom('coaching_sessions')
    .select(['id', 'status', 'starts_at', 'agenda', 'ics_sequence'])
    .orderBy('id')
    .execute()
  const items = await db.selectFrom('action_items').select(['id', 'done_at']).orderBy('id').execute()
  const requests = await db.selectFrom('repair_requests').select(['id', 'status']).orderBy('id').execute()
  return JSON.stringify({ counts, matches, sessions, items, requests })
}

test('everyone outside the match gets 404 on every workspace route, and nothing changes', async () => {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
  const ana = await buildPerson(t.db, { organizationId: organization.id, name: 'Ana Member' })
  const ben = await buildPerson(t.db, { organizationId: organization.id, name: 'Ben Member' })
  const carl = await buildPerson(t.db, { organizationId: organization.id, name: 'Carl Elsewhere' })
  const dana = await buildPerson(t.db, { organizationId: organization.id, name: 'Dana Elsewhere' })
  const manager = await buildPerson(t.db, { organizationId: organization.id, role: 'program_manager' })
  const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  const foreignAdmin = await buildPerson(t.db, { organizationId: (await buildOrganization(t.db)).id, role: 'admin' })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    status: 'active',
  })
  await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [carl.id, dana.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, status: 'held', organizerId: ana.id })
  const anaHeaders = await sessionHeadersFor(t.db, ana)

  async function create(url: string, payload: object): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url, headers: anaHeaders, payload })
    expect(response.statusCode, `${url}: ${response.body}`).toBe(201)
    return response.json().id
  }
  const goalId = await create(`/api/matches/${match.id}/goals`, {
    title: 'Run calmer one-to-ones',
    measure: 'Team pulse score',
    target: 'From 3.1 to 4.0',
    dueOn: '2030-05-31',
  })
  const milestoneId = await create(`/api/goals/${goalId}/milestones`, { title: 'First calm one-to-one' })
  const noteId = await create(`/api/matches/${match.id}/notes`, { body: 'Shared note', sessionId: session.id })
  const reflectionId = await create(`/api/matches/${match.id}/reflections`, { body: 'Only mine' })
  const actionItemId = await create(`/api/matches/${match.id}/action-items`, { title: 'Book a room', ownerId: ana.id })
  const requestId = await create(`/api/matches/${match.id}/repair-requests`, { reason: 'We rarely find a time' })

  const ids: Record<string, string> = {
    matchId: match.id,
    sessionId: session.id,
    goalId,
    milestoneId,
    noteId,
    reflectionId,
    actionItemId,
    requestId,
    programId: program.id,
  }
  const ratings = { listening: 4, questions: 4, helpfulness: 4 }
  const bodies: Record<string, object> = {
    'PUT /api/matches/:matchId/agreement': {
      focus: 'Delegating',
      groundRules: { confidentiality: 'Between us', cadence: 'Fortnightly', feedback: 'Kind and specific' },
    },
    'POST /api/matches/:matchId/agreement/accept': { version: 1 },
    'POST /api/matches/:matchId/goals': {
      title: 'A goal',
      measure: 'A measure',
      target: 'A target',
      dueOn: '2030-01-01',
    },
    'PATCH /api/goals/:goalId': { progress: 50 },
    'POST /api/goals/:goalId/milestones': { title: 'A milestone' },
    'PATCH /api/goals/:goalId/milestones/:milestoneId': { isDone: true },
    'POST /api/goals/:goalId/updates': { kind: 'comment', body: 'A comment' },
    'POST /api/matches/:matchId/sessions': { startsAtLocal: '2030-01-10T10:00' },
    'PATCH /api/sessions/:sessionId': { agenda: 'A new agenda' },
    'POST /api/sessions/:sessionId/cancel': { reason: 'Ill' },
    'POST /api/sessions/:sessionId/status': { status: 'missed' },
    'POST /api/matches/:matchId/notes': { body: 'A note' },
    'PATCH /api/notes/:noteId': { body: 'Changed' },
    'POST /api/matches/:matchId/reflections': { body: 'A reflection' },
    'PATCH /api/reflections/:reflectionId': { body: 'Changed' },
    'POST /api/matches/:matchId/action-items': { title: 'An action', ownerId: ana.id },
    'PATCH /api/action-items/:actionItemId': { isDone: true },
    'POST /api/matches/:matchId/feedback/check': { whatWorked: 'Your questions', tryNext: 'More silence' },
    'POST /api/sessions/:sessionId/feedback': {
      whatWorked: 'When I was stuck on the budget you asked what I had tried',
      tryNext: 'Let me finish before you summarize',
      receiverId: ana.id,
      ratings,
    },
    'POST /api/matches/:matchId/wellbeing-checkins': { moment: 'anytime', mood: 3, stress: 3 },
    'POST /api/matches/:matchId/support-requests': { message: 'Please call me', consent: true },
    'POST /api/matches/:matchId/fit': { fit: 4, keepPairing: 'yes' },
    'POST /api/matches/:matchId/repair-requests': { reason: 'Another reason' },
    'POST /api/matches/:matchId/complete': {},
    'POST /api/programs/:programId/matches/:matchId/complete': {},
    'POST /api/matches/:matchId/dissolve': { reason: 'Not working' },
    'POST /api/matches/:matchId/closing-survey': { satisfaction: 4, wouldRecommend: 8, selfAssessment: {} },
  }

  const routes = listRegisteredRoutes(t.app).filter(
    (route) =>
      route.tags.some((tag) => WORKSPACE_TAGS.has(tag)) &&
      route.method !== 'HEAD' &&
      // The viewer's own data (/api/me/...) has no one else's id to try.
      !route.url.startsWith('/api/me/'),
  )
  expect(routes.length).toBeGreaterThan(40)

  const outsiders = [
    ['a member of another match', await sessionHeadersFor(t.db, carl)],
    ['a program manager', await sessionHeadersFor(t.db, manager)],
    ['an admin', await sessionHeadersFor(t.db, admin)],
    ["another organization's admin", await sessionHeadersFor(t.db, foreignAdmin)],
  ] as const
  const partner = ['the partner', await sessionHeadersFor(t.db, ben)] as const

  const before = await snapshot(t.db)
  const failures: string[] = []
  let calls = 0
  for (const route of routes) {
    const key = `${route.method} ${route.url}`
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
      const id = ids[name]
      if (!id) throw new Error(`No fixture id for :${name} in ${key}`)
      return id
    })
    const isWrite = route.method !== 'GET'
    const viewers = MANAGER_ROUTES.has(key)
      ? [outsiders[0], outsiders[3], partner]
      : route.url.includes(':reflectionId') || route.url.endsWith('/reflections')
        ? [...outsiders, partner]
        : outsiders
    for (const [who, headers] of viewers) {
      // The partner may list reflections of the match (their own): that list is checked below.
      if (who === 'the partner' && route.method === 'GET' && route.url.endsWith('/reflections')) continue
      if (who === 'the partner' && route.method === 'POST' && route.url.endsWith('/reflections')) continue
      calls += 1
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers,
        ...(isWrite && bodies[key] ? { payload: bodies[key] } : {}),
      })
      if (response.statusCode !== 404) failures.push(`${who}: ${key} -> ${response.statusCode} ${response.body}`)
    }
  }
  expect(failures).toEqual([])
  expect(calls).toBeGreaterThan(150)
  expect(await snapshot(t.db)).toBe(before)

  // The partner's own list of reflections is empty: Ana's is not in it.
  const partnerList = await t.app.inject({
    method: 'GET',
    url: `/api/matches/${match.id}/reflections`,
    headers: partner[1],
  })
  expect(partnerList.statusCode).toBe(200)
  expect(partnerList.body).not.toContain('Only mine')
  expect(partnerList.body).not.toContain(reflectionId)
})
