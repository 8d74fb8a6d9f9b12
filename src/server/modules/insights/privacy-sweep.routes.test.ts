import { afterAll, beforeAll, expect, test } from 'vitest'
import { INSIGHT_FIGURES } from '#contracts/insights.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { DAILY_SWEEP_QUEUE, type DailySweepJob } from '#server/modules/reminders/reminders.service.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildProgram,
  buildSession,
} from '#server/test/factories.ts'
import { readableParts } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Issue #11 point 2: no manager-visible response shows an individual answer. A program holds ONE
// pair (so every group is below the organization's threshold of 5), both members answer everything
// with distinctive values, and every GET route of the API is called as a program manager and as an
// admin, plus every download whatever its method (the data export is a POST; archives are opened), every
// CSV export and the digest, nudges and notifications the daily sweep causes. No
// planted value, no average over the two of them and no private word may come back; a figure that
// is shown must count at least the threshold. A route may only be skipped with a reason, below.

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const THRESHOLD = 5
/** Written into every private answer: comments, feedback, check-in notes, reflections, shared notes. */
const PRIVATE = 'zq-private-words-51c9'
/** Written into the re-pair reason, which its author addresses to the program managers. */
const ADDRESSED = 'zq-addressed-to-managers-8e2b'
/**
 * Averages over the pair's planted answers: fit (1, 4), feedback ratings (1, 4), (2, 5), (4, 5),
 * check-in mood (1, 4) and stress (5, 2), closing satisfaction (2, 5), self-assessment before (1, 2)
 * and after (4, 5). None of them may appear anywhere a manager can read.
 */
const PLANTED_AVERAGES = [1.5, 2.5, 3.5, 4.5]
/** Keys whose value is someone's answer, or a figure made of answers. */
const ANSWER_KEYS = new Set([
  'fit',
  'averageFit',
  'keepPairing',
  'listening',
  'questions',
  'helpfulness',
  'ratings',
  'satisfaction',
  'averageSatisfaction',
  'wouldRecommend',
  'nps',
  'promoters',
  'passives',
  'detractors',
  'mood',
  'stress',
  'averageMood',
  'averageStress',
  'selfAssessment',
  'averagePre',
  'averagePost',
  'averageGrowth',
  'intentToStay',
  'achieved',
  'inProgress',
  'dropped',
  'averageProgress',
])

/**
 * GET routes that are not called as a manager here, each with why no other person's answers can be
 * reached through them. Every other GET route of the app is called; a new route fails this test
 * until it is called or listed.
 */
const NOT_SWEPT: Record<string, string> = {
  '/api/invitations/:token':
    'answered by an invitation token, not by role: it shows the invitee their own invitation (no answers exist before joining)',
  '/api/unsubscribe/:token': "answered by a person's own unsubscribe token: the muted categories of that person only",
  '/api/matching-runs/:runId':
    'this program has no matching run (the pair was placed by hand); a run holds proposals and scores from enrollment skills, never survey answers, and matching-runs.routes.test.ts covers it',
  '/api/people/imports/:importId':
    "an admin's own people-import report: the rows that admin uploaded; no survey answers exist there",
}

/** Query strings that reach every variant of a route (each CSV figure, every request status). */
const QUERY_VARIANTS: Record<string, string[]> = {
  '/api/programs/:programId/insights.csv': INSIGHT_FIGURES.map((figure) => `?figure=${figure}`),
  '/api/programs/:programId/repair-requests': ['', '?status=all'],
  '/api/admin/jobs': ['?state=completed', '?state=failed', '?state=active', '?state=retry'],
  '/api/notifications': ['', '?limit=100'],
  '/api/outbox': ['?limit=100'],
}

type Headers = Record<string, string>

async function post(url: string, headers: Headers, payload: object) {
  const response = await t.app.inject({ method: 'POST', url, headers, payload })
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300)
  return response.json()
}

/** Non-integer numbers in free text (CSV, email bodies), not parts of times like 12:30.5. */
function decimalsIn(text: string): number[] {
  return [...text.matchAll(/(?<![\d.:])\d+\.\d+(?![\d.])/g)].map((m) => Number(m[0]))
}

/** A number, a yes/no/unsure answer, or a record of numbers (ratings, a self-assessment); not a list of texts. */
function isAnswerValue(key: string, value: unknown): boolean {
  if (typeof value === 'number') return true
  if (typeof value === 'string') return key === 'keepPairing' || key === 'intentToStay'
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'isHidden' in value) return false
  const values = Object.values(value)
  return values.length > 0 && values.every((v) => typeof v === 'number')
}

/**
 * What a response reveals: private words, planted averages, and answers shown outside a figure that
 * counts at least the threshold (a figure carries `isHidden`, and `people` or `giverCount`).
 */
function findLeaks(body: string, contentType: string, allowAddressed: boolean): string[] {
  const leaks: string[] = []
  if (body.includes(PRIVATE)) leaks.push('private words')
  if (!allowAddressed && body.includes(ADDRESSED)) leaks.push('a re-pair reason outside the re-pair requests')
  if (!contentType.includes('json')) {
    for (const n of decimalsIn(body)) if (PLANTED_AVERAGES.includes(n)) leaks.push(`the average ${n}`)
    return leaks
  }
  const walk = (value: unknown, path: string, shown: boolean | null) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`, shown)
      })
      return
    }
    if (typeof value === 'number' && !Number.isInteger(value) && PLANTED_AVERAGES.includes(value)) {
      leaks.push(`${path} = ${value}`)
    }
    if (typeof value !== 'object' || value === null) return
    const figure = value as Record<string, unknown>
    let isShown = shown
    if (typeof figure.isHidden === 'boolean') {
      const people = typeof figure.people === 'number' ? figure.people : figure.giverCount
      isShown = !figure.isHidden
      if (isShown && !(typeof people === 'number' && people >= THRESHOLD)) {
        leaks.push(`${path} is shown over ${String(people)} people`)
      }
    }
    for (const [key, child] of Object.entries(figure)) {
      const isAnswer = ANSWER_KEYS.has(key) && isAnswerValue(key, child)
      if (isAnswer && isShown !== true)
        leaks.push(`${path}.${key} = ${JSON.stringify(child).slice(0, 80)} outside a shown figure`)
      walk(child, `${path}.${key}`, isShown)
    }
  }
  try {
    walk(JSON.parse(body), '$', null)
  } catch {
    leaks.push('unparseable JSON')
  }
  return leaks
}

async function setUp() {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  const person = (name: string, role: PersonRow['role'] = 'participant') =>
    buildPerson(t.db, { organizationId: org, name, role, department: 'Sales' })
  const manager = await person('Pat Manager', 'program_manager')
  const admin = await person('Ada Admin', 'admin')
  const ana = await person('Ana Lima')
  const ben = await person('Ben Ortiz')
  const program = await buildProgram(t.db, {
    organizationId: org,
    name: 'Peer coaching, one pair',
    status: 'active',
    session_cadence_days: 7,
    focus_skills: ['active-listening'],
    created_by: manager.id,
  })
  await buildEnrollment(t.db, { program, person: ana, self_assessment: JSON.stringify({ 'active-listening': 1 }) })
  await buildEnrollment(t.db, { program, person: ben, self_assessment: JSON.stringify({ 'active-listening': 2 }) })
  const match = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    status: 'active',
  })
  // Published long ago, one session held a month ago: the pair is quiet, so nudges and the digest have something to say.
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
  await t.db
    .updateTable('matches')
    .set({ published_at: ago(60) })
    .where('id', '=', match.id)
    .execute()
  const session = await buildSession(t.db, { match, status: 'held', startsAt: ago(30) })
  const anaHeaders = await sessionHeadersFor(t.db, ana)
  const benHeaders = await sessionHeadersFor(t.db, ben)
  const m = `/api/matches/${match.id}`

  // Pairing fit: Ana 1 / no, Ben 4 / yes (average 2.5): a concern was raised, by whom must stay unknown.
  await post(`${m}/fit`, anaHeaders, { fit: 1, keepPairing: 'no', comment: `${PRIVATE} fit` })
  await post(`${m}/fit`, benHeaders, { fit: 4, keepPairing: 'yes', comment: `${PRIVATE} fit` })
  // Feedback ratings: Ana gives (1, 2, 4), Ben gives (4, 5, 5): averages 2.5, 3.5, 4.5.
  const words = { whatWorked: `${PRIVATE} worked`, tryNext: `${PRIVATE} next`, acknowledgeFlags: true }
  await post(`/api/sessions/${session.id}/feedback`, anaHeaders, {
    ...words,
    receiverId: ben.id,
    ratings: { listening: 1, questions: 2, helpfulness: 4 },
  })
  await post(`/api/sessions/${session.id}/feedback`, benHeaders, {
    ...words,
    receiverId: ana.id,
    ratings: { listening: 4, questions: 5, helpfulness: 5 },
  })
  // Check-ins: mood 1 and 4 (2.5), stress 5 and 2 (3.5), with private notes.
  await post(`${m}/wellbeing-checkins`, anaHeaders, { moment: 'anytime', mood: 1, stress: 5, note: `${PRIVATE} mood` })
  await post(`${m}/wellbeing-checkins`, benHeaders, { moment: 'anytime', mood: 4, stress: 2, note: `${PRIVATE} mood` })
  // Private and shared words of the pair.
  const reflection = await post(`${m}/reflections`, anaHeaders, {
    body: `${PRIVATE} reflection`,
    sessionId: session.id,
  })
  await post(`${m}/notes`, benHeaders, { body: `${PRIVATE} shared note`, sessionId: session.id })
  // Goals: Ana achieved hers, Ben dropped his (their own judgement of their progress).
  for (const [owner, status, progress] of [
    [ana, 'achieved', 100],
    [ben, 'dropped', 30],
  ] as const) {
    await t.db
      .insertInto('goals')
      .values({
        organization_id: org,
        match_id: match.id,
        owner_id: owner.id,
        title: `${PRIVATE} goal`,
        measure: `${PRIVATE} measure`,
        target: `${PRIVATE} target`,
        due_on: '2030-01-01',
        status,
        progress,
      })
      .execute()
  }
  // Ana asks the program managers to re-pair her: her reason is addressed to them.
  await post(`${m}/repair-requests`, anaHeaders, { reason: `${ADDRESSED} we never click` })
  // Closing surveys (as the service stores them; the match stays active so it is still at risk):
  // satisfaction 2 and 5 (3.5), would recommend 7 and 10 (NPS 50), the skill now 4 and 5 (4.5; before 1.5).
  for (const [who, satisfaction, wouldRecommend, skill] of [
    [ana, 2, 7, 4],
    [ben, 5, 10, 5],
  ] as const) {
    await t.db
      .insertInto('match_surveys')
      .values({
        organization_id: org,
        match_id: match.id,
        person_id: who.id,
        kind: 'closing',
        answers: JSON.stringify({
          satisfaction,
          wouldRecommend,
          selfAssessment: { 'active-listening': skill },
          intentToStay: 'no',
          comment: `${PRIVATE} closing`,
        }),
      })
      .execute()
  }
  const managerHeaders = await sessionHeadersFor(t.db, manager)
  const adminHeaders = await sessionHeadersFor(t.db, admin)
  // The program manager nudges the pair; then the daily sweep sends nudges and the weekly digest.
  await post(`/api/programs/${program.id}/matches/${match.id}/nudge`, managerHeaders, {})
  await t.jobs.send<DailySweepJob>(DAILY_SWEEP_QUEUE, { organizationId: null, at: new Date().toISOString() })
  await t.jobs.drain()
  return {
    org,
    program,
    match,
    session,
    people: { manager, admin, ana, ben },
    headers: { manager: managerHeaders, admin: adminHeaders, ana: anaHeaders },
    reflectionId: reflection.id as string,
  }
}

test('no response a program manager or an admin can read reveals an answer of a 2-person match', async () => {
  const s = await setUp()
  const exercises = await t.app.inject({ method: 'GET', url: '/api/exercises', headers: s.headers.manager })
  const outbox = await t.app.inject({ method: 'GET', url: '/api/outbox?limit=100', headers: s.headers.admin })
  expect(outbox.statusCode, outbox.body).toBe(200)
  const outboxIds = (JSON.stringify(outbox.json()).match(/"id":"[0-9a-f-]{36}"/g) ?? []).map((m) => m.slice(6, -1))
  // A webhook endpoint (turned off: nothing is sent), so its delivery log is swept too.
  const endpoint = await post('/api/admin/webhooks', s.headers.admin, {
    url: 'http://127.0.0.1:9/privacy-sweep',
    eventTypes: ['match.published', 'session.held'],
    isEnabled: false,
  })
  const known: Record<string, string[]> = {
    endpointId: [endpoint.id],
    programId: [s.program.id],
    matchId: [s.match.id],
    sessionId: [s.session.id],
    reflectionId: [s.reflectionId],
    personId: Object.values(s.people).map((p) => p.id),
    exerciseId: [exercises.json().exercises?.[0]?.id ?? exercises.json()[0]?.id].filter(Boolean),
    id: outboxIds,
  }

  const routes = listRegisteredRoutes(t.app).filter(
    (route) =>
      (route.method === 'GET' || (route.produces.length > 0 && route.method !== 'HEAD')) &&
      route.url.startsWith('/api/') &&
      !route.url.startsWith('/api/docs'),
  )
  expect(routes.length).toBeGreaterThan(40)
  expect(routes.map((route) => `${route.method} ${route.url}`)).toContain('POST /api/people/:personId/data-export')
  const unreachable: string[] = []
  const urls: { route: string; method: 'GET' | 'POST'; url: string }[] = []
  for (const route of routes) {
    if (NOT_SWEPT[route.url]) continue
    let variants = [route.url]
    for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
      const ids = known[name] ?? []
      if (ids.length === 0) unreachable.push(`${route.url} (no value for :${name})`)
      variants = variants.flatMap((url) => ids.map((id) => url.replace(`:${name}`, id)))
    }
    for (const url of variants) {
      for (const query of QUERY_VARIANTS[route.url] ?? ['']) {
        urls.push({ route: route.url, method: route.method as 'GET' | 'POST', url: `${url}${query}` })
      }
    }
  }
  // Every GET route is either called or listed in NOT_SWEPT with its reason.
  expect(unreachable).toEqual([])
  for (const listed of Object.keys(NOT_SWEPT)) expect(routes.map((r) => r.url)).toContain(listed)

  const leaks: string[] = []
  let answered = 0
  let addressedSeen = 0
  for (const [label, headers] of [
    ['program manager', s.headers.manager],
    ['admin', s.headers.admin],
  ] as const) {
    for (const { route, method, url } of urls) {
      const response = await t.app.inject({ method, url, headers })
      expect(response.statusCode, `${label}: ${method} ${url}: ${response.body}`).toBeLessThan(500)
      if (response.statusCode === 200) answered++
      // The re-pair reason is addressed to the program managers by its author, who is told so.
      const isAddressed = route === '/api/programs/:programId/repair-requests'
      if (isAddressed && response.body.includes(ADDRESSED)) addressedSeen++
      // An admin's copy of the author's data keeps the requests the author addressed to them.
      const mayHoldAddressed = isAddressed || route === '/api/people/:personId/data-export'
      for (const { text, contentType } of readableParts(response)) {
        for (const leak of findLeaks(text, contentType, mayHoldAddressed)) {
          leaks.push(`${label}: ${method} ${url}: ${leak}`)
        }
      }
    }
  }
  expect(leaks).toEqual([])
  // The sweep read real pages: the dashboard, the match page, the exports, the re-pair reason.
  expect(answered).toBeGreaterThan(urls.length)
  expect(addressedSeen).toBe(4)

  // Every email and in-app notification the nudge and the daily sweep caused (the digest included).
  const emails = await t.db
    .selectFrom('outbox_emails')
    .select(['to_address', 'subject', 'text_body'])
    .where('organization_id', '=', s.org)
    .execute()
  const notices = await t.db
    .selectFrom('notifications')
    .select(['person_id', 'kind', 'title', 'body'])
    .where('organization_id', '=', s.org)
    .execute()
  const kinds = notices.map((n) => n.kind)
  expect(kinds).toContain('program_digest')
  expect(kinds).toContain('match_nudge')
  expect(emails.some((e) => e.to_address === s.people.manager.email)).toBe(true)
  const messages = [
    ...emails.map((e) => [`email to ${e.to_address}`, `${e.subject}\n${e.text_body ?? ''}`]),
    ...notices.map((n) => [`${n.kind} notification`, `${n.title}\n${n.body}`]),
  ]
  const messageLeaks = messages.flatMap(([label, text]) =>
    findLeaks(text, 'text/plain', false).map((leak) => `${label}: ${leak}`),
  )
  expect(messageLeaks).toEqual([])
  // The digest still says a match needs attention, without saying which member raised what.
  const digest = notices.find((n) => n.kind === 'program_digest' && n.person_id === s.people.manager.id)
  expect(digest?.title).toMatch(/1 match needs attention/)
  const digestEmail = emails.find((e) => e.subject === digest?.title && e.to_address === s.people.manager.email)
  expect(digestEmail?.text_body).toContain('A member raised a pairing-fit concern')
  expect(digestEmail?.text_body).not.toMatch(/Both members|Ana Lima rated|Ben Ortiz rated/)
})

test('the detector finds answers where they belong: a member reads their own', async () => {
  const s = await setUp()
  const own = await t.app.inject({
    method: 'GET',
    url: `/api/matches/${s.match.id}/fit-and-exits`,
    headers: s.headers.ana,
  })
  expect(own.statusCode).toBe(200)
  expect(findLeaks(own.body, 'application/json', false).join('\n')).toMatch(/fit/)
  const reflections = await t.app.inject({ method: 'GET', url: '/api/me/reflections/export', headers: s.headers.ana })
  expect(findLeaks(reflections.body, 'text/markdown', false)).toContain('private words')
  expect(findLeaks('averages 2.5 and 12:30.5', 'text/csv', true)).toEqual(['the average 2.5'])
  expect(findLeaks('{"x":{"people":2,"isHidden":false,"n":1}}', 'application/json', true)).toEqual([
    '$.x is shown over 2 people',
  ])
})
