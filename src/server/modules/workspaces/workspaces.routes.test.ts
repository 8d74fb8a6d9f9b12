import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { AgreementSchema, GoalSchema, WorkspaceSchema } from '#contracts/workspaces.ts'
import type { MatchMemberRole, MatchStatus, PersonRow, ProgramType } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>
type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'

const rules = {
  focus: 'Leading a team through a reorganization without losing people',
  groundRules: {
    confidentiality: 'What we say stays between us',
    cadence: 'Every two weeks, 45 minutes',
    feedback: 'Situation, behaviour, impact; kind and specific',
  },
}
const feedbackWords = {
  whatWorked: 'When I was stuck on the hiring plan, you asked what would happen if the budget doubled.',
  tryNext: 'Let me finish describing the problem before offering an idea.',
  situation: "In Tuesday's role play, when I described the customer's complaint",
  behaviour: 'you asked two open questions before suggesting anything',
  impact: 'I found my own answer.',
}
const goalBody = {
  title: 'Run calmer one-to-ones',
  measure: 'Team pulse score on one-to-ones',
  target: 'From 3.1 to 4.0',
  dueOn: '2030-05-31',
}

function call(method: Method, url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function setUp(options: { type?: ProgramType; roles?: MatchMemberRole[]; status?: MatchStatus } = {}) {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, {
    organizationId: organization.id,
    type: options.type ?? 'peer_coaching',
    status: 'active',
    confidentiality_terms: 'Nothing leaves the pair without consent.',
  })
  const ana = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Ana Lima',
    title: 'Account lead',
    department: 'Sales',
    time_zone: 'Europe/Lisbon',
  })
  const ben = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Ben Ortiz',
    title: 'Designer',
    department: 'Design',
    time_zone: 'America/Los_Angeles',
  })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    roles: options.roles,
    status: options.status ?? 'active',
  })
  return {
    organization,
    program,
    match,
    ana,
    ben,
    anaHeaders: await sessionHeadersFor(t.db, ana),
    benHeaders: await sessionHeadersFor(t.db, ben),
  }
}

/** "404 not_found", or the status and the start of a body that is not an error. */
function outcomeOf(response: Awaited<ReturnType<typeof call>>) {
  const parsed = ErrorResponseSchema.safeParse(JSON.parse(response.body || 'null'))
  return `${response.statusCode} ${parsed.success ? parsed.data.error.code : response.body.slice(0, 80)}`
}

describe('agreement', () => {
  test('one member proposes, the partner accepts: agreed; a change needs re-acceptance', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}`
    const empty = bodyOf(await call('GET', `${url}/workspace`, s.anaHeaders), 200, WorkspaceSchema)
    expect(empty.agreement).toBeNull()
    expect(errorOf(await call('POST', `${url}/agreement/accept`, s.benHeaders, { version: 1 })).code).toBe(
      'no_agreement',
    )

    const proposed = bodyOf(await call('PUT', `${url}/agreement`, s.anaHeaders, rules), 200, AgreementSchema)
    expect(proposed).toMatchObject({ version: 1, proposedBy: s.ana.id, isAgreed: false, isAcceptedByMe: true })

    const accepted = bodyOf(
      await call('POST', `${url}/agreement/accept`, s.benHeaders, { version: 1 }),
      200,
      AgreementSchema,
    )
    expect(accepted.isAgreed).toBe(true)
    expect(accepted.acceptances.map((a) => [a.personId, a.version]).sort()).toEqual(
      [
        [s.ana.id, 1],
        [s.ben.id, 1],
      ].sort(),
    )

    const changed = bodyOf(
      await call('PUT', `${url}/agreement`, s.benHeaders, { ...rules, focus: 'Delegating without micromanaging' }),
      200,
      AgreementSchema,
    )
    expect(changed).toMatchObject({ version: 2, proposedBy: s.ben.id, isAgreed: false })
    expect(changed.acceptances.map((a) => a.personId)).toEqual([s.ben.id])

    // Accepting the version read before the change is refused.
    expect(errorOf(await call('POST', `${url}/agreement/accept`, s.anaHeaders, { version: 1 })).code).toBe(
      'agreement_changed',
    )
    const reaccepted = bodyOf(
      await call('POST', `${url}/agreement/accept`, s.anaHeaders, { version: 2 }),
      200,
      AgreementSchema,
    )
    expect(reaccepted.isAgreed).toBe(true)

    const workspace = bodyOf(await call('GET', `${url}/workspace`, s.anaHeaders), 200, WorkspaceSchema)
    expect(workspace.agreement).toMatchObject({ focus: 'Delegating without micromanaging', version: 2, isAgreed: true })
    expect(workspace.program).toMatchObject({
      type: 'peer_coaching',
      confidentialityTerms: 'Nothing leaves the pair without consent.',
    })
    expect(workspace.myRole).toBe('peer')
    expect(workspace.partners).toEqual([
      {
        personId: s.ben.id,
        name: 'Ben Ortiz',
        title: 'Designer',
        department: 'Design',
        timeZone: 'America/Los_Angeles',
        role: 'peer',
      },
    ])
  })

  test('validation errors name the field', async () => {
    const s = await setUp()
    const response = await call('PUT', `/api/matches/${s.match.id}/agreement`, s.anaHeaders, {
      ...rules,
      groundRules: { ...rules.groundRules, cadence: '  ' },
    })
    expect(response.statusCode).toBe(400)
    const error = errorOf(response)
    expect(error.code).toBe('validation_failed')
    expect(error.details.map((d) => d.path)).toContain('body.groundRules.cadence')

    const goal = await call('POST', `/api/matches/${s.match.id}/goals`, s.anaHeaders, { ...goalBody, dueOn: 'soon' })
    expect(goal.statusCode).toBe(400)
    expect(errorOf(goal).details.map((d) => d.path)).toEqual(['body.dueOn'])
    const progress = await call('POST', `/api/goals/${s.match.id}/updates`, s.anaHeaders, {
      kind: 'progress',
      progress: 140,
    })
    expect(progress.statusCode).toBe(400)
    expect(errorOf(progress).details.map((d) => d.path)).toEqual(['body.progress'])
  })
})

describe('goals', () => {
  test('in peer coaching both members set goals; the partner comments but cannot edit or post progress', async () => {
    const s = await setUp()
    const anaGoal = bodyOf(
      await call('POST', `/api/matches/${s.match.id}/goals`, s.anaHeaders, goalBody),
      201,
      GoalSchema,
    )
    expect(anaGoal).toMatchObject({ ownerId: s.ana.id, isMine: true, status: 'active', progress: 0, ...goalBody })
    const benGoal = bodyOf(
      await call('POST', `/api/matches/${s.match.id}/goals`, s.benHeaders, {
        ...goalBody,
        title: 'Present design work to executives',
      }),
      201,
      GoalSchema,
    )
    expect(benGoal.ownerId).toBe(s.ben.id)

    // The owner: milestones, progress, changes.
    const withMilestone = bodyOf(
      await call('POST', `/api/goals/${anaGoal.id}/milestones`, s.anaHeaders, {
        title: 'Ask the team',
        dueOn: '2030-02-01',
      }),
      201,
      GoalSchema,
    )
    const [milestone] = withMilestone.milestones
    expect(milestone).toMatchObject({ title: 'Ask the team', dueOn: '2030-02-01', doneAt: null })
    const done = bodyOf(
      await call('PATCH', `/api/goals/${anaGoal.id}/milestones/${milestone.id}`, s.anaHeaders, { isDone: true }),
      200,
      GoalSchema,
    )
    expect(done.milestones[0].doneAt).not.toBeNull()
    const progressed = bodyOf(
      await call('POST', `/api/goals/${anaGoal.id}/updates`, s.anaHeaders, {
        kind: 'progress',
        progress: 40,
        body: 'Two calm one-to-ones',
      }),
      201,
      GoalSchema,
    )
    expect(progressed.progress).toBe(40)
    const renamed = bodyOf(
      await call('PATCH', `/api/goals/${anaGoal.id}`, s.anaHeaders, { title: 'Run calm one-to-ones' }),
      200,
      GoalSchema,
    )
    expect(renamed).toMatchObject({ title: 'Run calm one-to-ones', progress: 40 })

    // The partner: comments, nothing else.
    const commented = bodyOf(
      await call('POST', `/api/goals/${anaGoal.id}/updates`, s.benHeaders, {
        kind: 'comment',
        body: 'What made them calm?',
      }),
      201,
      GoalSchema,
    )
    expect(commented.isMine).toBe(false)
    expect(commented.latestUpdates[0]).toMatchObject({
      kind: 'comment',
      authorId: s.ben.id,
      authorName: 'Ben Ortiz',
      progress: null,
    })
    const refused = [
      await call('POST', `/api/goals/${anaGoal.id}/updates`, s.benHeaders, { kind: 'progress', progress: 90 }),
      await call('PATCH', `/api/goals/${anaGoal.id}`, s.benHeaders, { progress: 90 }),
      await call('POST', `/api/goals/${anaGoal.id}/milestones`, s.benHeaders, { title: 'Mine now' }),
      await call('PATCH', `/api/goals/${anaGoal.id}/milestones/${milestone.id}`, s.benHeaders, { isDone: false }),
    ]
    expect(refused.map((r) => [r.statusCode, errorOf(r).code])).toEqual(refused.map(() => [403, 'not_goal_owner']))

    const workspace = bodyOf(
      await call('GET', `/api/matches/${s.match.id}/workspace`, s.benHeaders),
      200,
      WorkspaceSchema,
    )
    expect(workspace.canOwnGoals).toBe(true)
    const seen = workspace.goals.find((g) => g.id === anaGoal.id)
    expect(seen).toMatchObject({ title: 'Run calm one-to-ones', progress: 40, isMine: false })
    expect(seen?.milestones[0].doneAt).not.toBeNull()
    expect(seen?.latestUpdates.map((u) => u.kind)).toEqual(['comment', 'progress'])
    expect(workspace.goals.map((g) => g.ownerId).sort()).toEqual([s.ana.id, s.ben.id].sort())
  })

  test('in mentoring the mentee owns the goals: the mentor is refused', async () => {
    const s = await setUp({ type: 'peer_mentoring', roles: ['mentor', 'mentee'] })
    const refused = await call('POST', `/api/matches/${s.match.id}/goals`, s.anaHeaders, goalBody)
    expect(refused.statusCode).toBe(403)
    expect(errorOf(refused).code).toBe('mentee_owns_goals')
    bodyOf(await call('POST', `/api/matches/${s.match.id}/goals`, s.benHeaders, goalBody), 201, GoalSchema)
    const mentorView = bodyOf(
      await call('GET', `/api/matches/${s.match.id}/workspace`, s.anaHeaders),
      200,
      WorkspaceSchema,
    )
    expect(mentorView).toMatchObject({ myRole: 'mentor', canOwnGoals: false })
    expect(mentorView.goals.map((g) => g.ownerId)).toEqual([s.ben.id])
  })
})

describe('access', () => {
  async function everyRoute(s: Awaited<ReturnType<typeof setUp>>, goalId: string, milestoneId: string) {
    return (headers: Headers) => [
      call('GET', `/api/matches/${s.match.id}/workspace`, headers),
      call('PUT', `/api/matches/${s.match.id}/agreement`, headers, rules),
      call('POST', `/api/matches/${s.match.id}/agreement/accept`, headers, { version: 1 }),
      call('POST', `/api/matches/${s.match.id}/goals`, headers, goalBody),
      call('PATCH', `/api/goals/${goalId}`, headers, { progress: 99 }),
      call('POST', `/api/goals/${goalId}/milestones`, headers, { title: 'Intruder' }),
      call('PATCH', `/api/goals/${goalId}/milestones/${milestoneId}`, headers, { isDone: true }),
      call('POST', `/api/goals/${goalId}/updates`, headers, { kind: 'comment', body: 'Hello' }),
    ]
  }

  async function snapshot(matchId: string) {
    const agreements = await t.db.selectFrom('agreements').selectAll().where('match_id', '=', matchId).execute()
    const goals = await t.db.selectFrom('goals').selectAll().where('match_id', '=', matchId).execute()
    // A placeholder id keeps `in (...)` valid when the match has no goals.
    const ids = [...goals.map((g) => g.id), '00000000-0000-4000-8000-000000000000']
    const milestones = await t.db.selectFrom('goal_milestones').selectAll().where('goal_id', 'in', ids).execute()
    const updates = await t.db.selectFrom('goal_updates').selectAll().where('goal_id', 'in', ids).execute()
    const acceptances = await t.db.selectFrom('agreement_acceptances').selectAll().execute()
    return { agreements, goals, milestones, updates, acceptances: acceptances.length }
  }

  test('outsiders, a program manager, an admin and another organization get 404 on every route; nothing changes', async () => {
    const s = await setUp()
    await call('PUT', `/api/matches/${s.match.id}/agreement`, s.anaHeaders, rules)
    const goal = GoalSchema.parse(
      (await call('POST', `/api/matches/${s.match.id}/goals`, s.anaHeaders, goalBody)).json(),
    )
    const withMilestone = GoalSchema.parse(
      (await call('POST', `/api/goals/${goal.id}/milestones`, s.anaHeaders, { title: 'First step' })).json(),
    )
    const routes = await everyRoute(s, goal.id, withMilestone.milestones[0].id)

    // A partner in another match of the same program.
    const carla = await buildPerson(t.db, { organizationId: s.organization.id })
    const dan = await buildPerson(t.db, { organizationId: s.organization.id })
    await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [carla.id, dan.id],
      status: 'active',
    })
    const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
    const elsewhere = await buildOrganization(t.db)
    const foreignAdmin = await buildPerson(t.db, { organizationId: elsewhere.id, role: 'admin' })

    const before = await snapshot(s.match.id)
    for (const person of [carla, manager, admin, foreignAdmin] as PersonRow[]) {
      const headers = await sessionHeadersFor(t.db, person)
      const responses = await Promise.all(routes(headers))
      expect(
        responses.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        `${person.role} ${person.organization_id === elsewhere.id ? 'of another organization' : ''}`,
      ).toEqual(responses.map(() => '404 not_found'))
    }
    expect(await snapshot(s.match.id)).toEqual(before)
  })

  test('a match still proposed (or declined) is 404 for its own members', async () => {
    for (const status of ['proposed', 'declined'] as const) {
      const s = await setUp({ status })
      const routes = await everyRoute(s, s.match.id, s.match.id)
      for (const headers of [s.anaHeaders, s.benHeaders]) {
        const responses = await Promise.all(routes(headers))
        expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404))
      }
      expect((await snapshot(s.match.id)).agreements).toEqual([])
      expect((await snapshot(s.match.id)).goals).toEqual([])
    }
  })

  test('a published match (not yet accepted) and a completed one open for their members', async () => {
    for (const status of ['published', 'completed'] as const) {
      const s = await setUp({ status })
      bodyOf(await call('GET', `/api/matches/${s.match.id}/workspace`, s.benHeaders), 200, WorkspaceSchema)
    }
  })

  test('a match a member ended early reads for its members (status dissolved); every write of every module stays 404', async () => {
    const s = await setUp()
    await call('PUT', `/api/matches/${s.match.id}/agreement`, s.anaHeaders, rules)
    const goal = GoalSchema.parse(
      (await call('POST', `/api/matches/${s.match.id}/goals`, s.anaHeaders, goalBody)).json(),
    )
    const withMilestone = GoalSchema.parse(
      (await call('POST', `/api/goals/${goal.id}/milestones`, s.anaHeaders, { title: 'First step' })).json(),
    )
    const session = await buildSession(t.db, { match: s.match, status: 'held' })
    const note = (await call('POST', `/api/matches/${s.match.id}/notes`, s.anaHeaders, { body: 'Ours' })).json()
    const item = (
      await call('POST', `/api/matches/${s.match.id}/action-items`, s.anaHeaders, { title: 'Ours', ownerId: s.ana.id })
    ).json()
    const ended = await call('POST', `/api/matches/${s.match.id}/dissolve`, s.benHeaders, {
      reason: 'We drifted apart',
    })
    expect(ended.statusCode, ended.body).toBe(200)

    for (const headers of [s.anaHeaders, s.benHeaders]) {
      const workspace = bodyOf(await call('GET', `/api/matches/${s.match.id}/workspace`, headers), 200, WorkspaceSchema)
      expect(workspace.match.status).toBe('dissolved')
      expect(workspace.goals.map((g) => g.title)).toEqual([goalBody.title])
    }

    const m = `/api/matches/${s.match.id}`
    const feedback = { ...feedbackWords, receiverId: s.ben.id, ratings: { listening: 4, questions: 4, helpfulness: 4 } }
    // Not listed: a private reflection stays its author's to edit or delete after the match ends (notes module).
    const writes: [method: Method | 'DELETE', url: string, body?: object][] = [
      ['PUT', `${m}/agreement`, rules],
      ['POST', `${m}/agreement/accept`, { version: 1 }],
      ['POST', `${m}/goals`, goalBody],
      ['PATCH', `/api/goals/${goal.id}`, { progress: 99 }],
      ['POST', `/api/goals/${goal.id}/milestones`, { title: 'Later' }],
      ['PATCH', `/api/goals/${goal.id}/milestones/${withMilestone.milestones[0].id}`, { isDone: true }],
      ['POST', `/api/goals/${goal.id}/updates`, { kind: 'comment', body: 'Later' }],
      ['POST', `${m}/sessions`, { startsAtLocal: '2030-06-03T20:00' }],
      ['PATCH', `/api/sessions/${session.id}`, { agenda: 'Later' }],
      ['POST', `/api/sessions/${session.id}/cancel`, {}],
      ['POST', `/api/sessions/${session.id}/status`, { status: 'missed' }],
      ['POST', `${m}/notes`, { body: 'Later' }],
      ['PATCH', `/api/notes/${note.id}`, { body: 'Later' }],
      ['DELETE', `/api/notes/${note.id}`],
      ['POST', `${m}/reflections`, { body: 'Later' }],
      ['POST', `${m}/action-items`, { title: 'Later', ownerId: s.ana.id }],
      ['PATCH', `/api/action-items/${item.id}`, { isDone: true }],
      ['DELETE', `/api/action-items/${item.id}`],
      ['POST', `${m}/feedback/check`, feedbackWords],
      ['POST', `/api/sessions/${session.id}/feedback`, feedback],
      ['POST', `${m}/wellbeing-checkins`, { moment: 'anytime', mood: 3, stress: 3 }],
      ['POST', `${m}/support-requests`, { message: 'Hello', consent: true }],
      ['POST', `${m}/fit`, { fit: 3, keepPairing: 'yes' }],
      ['POST', `${m}/repair-requests`, { reason: 'Later' }],
    ]
    const before = await snapshot(s.match.id)
    for (const [method, url, body] of writes) {
      const response = await t.app.inject({ method, url, headers: s.anaHeaders, ...(body ? { payload: body } : {}) })
      expect(outcomeOf(response), `${method} ${url}`).toBe('404 not_found')
    }
    // Ending it again (or completing it) is a conflict the member can read, as before.
    for (const [url, body] of [
      [`${m}/complete`, {}],
      [`${m}/dissolve`, { reason: 'Again' }],
    ] as const) {
      const response = await call('POST', url, s.anaHeaders, body)
      expect(outcomeOf(response), url).toBe('409 match_not_active')
    }
    expect(await snapshot(s.match.id)).toEqual(before)
    const rows = await t.db
      .selectFrom('coaching_sessions')
      .select('status')
      .where('match_id', '=', s.match.id)
      .execute()
    expect(rows.map((r) => r.status)).toEqual(['held'])

    // My matches lists it, so its members find their way back to the closing survey.
    const mine = await call('GET', '/api/me/matches', s.benHeaders)
    expect(mine.json().matches.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
      [s.match.id, 'dissolved'],
    ])

    // Outsiders still get 404 on the ended match's workspace.
    const carla = await buildPerson(t.db, { organizationId: s.organization.id })
    const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
    const foreignAdmin = await buildPerson(t.db, { organizationId: (await buildOrganization(t.db)).id, role: 'admin' })
    for (const person of [carla, manager, admin, foreignAdmin]) {
      const response = await call('GET', `${m}/workspace`, await sessionHeadersFor(t.db, person))
      expect(outcomeOf(response), person.role).toBe('404 not_found')
    }
  })

  test('a proposal a program manager dissolved (never published) stays unknown to its members', async () => {
    const s = await setUp({ status: 'dissolved' })
    await t.db.updateTable('matches').set({ published_at: null }).where('id', '=', s.match.id).execute()
    const m = `/api/matches/${s.match.id}`
    for (const headers of [s.anaHeaders, s.benHeaders]) {
      for (const [method, url, body] of [
        ['GET', `${m}/workspace`],
        ['GET', `${m}/fit-and-exits`],
        ['POST', `${m}/closing-survey`, { satisfaction: 4, wouldRecommend: 8, selfAssessment: {} }],
      ] as const) {
        const response = await call(method, url, headers, body)
        expect(outcomeOf(response), `${method} ${url}`).toBe('404 not_found')
      }
      expect((await call('GET', '/api/me/matches', headers)).json().matches).toEqual([])
    }
  })
})
