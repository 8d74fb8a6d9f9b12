import { afterAll, beforeAll, expect, test } from 'vitest'
import { isInWorkingHours } from '#server/modules/sessions/working-hours.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { DEMO_FOCUS_SKILLS, DEMO_MENTORING_NAME, DEMO_PROGRAM_NAME } from './demo-history.ts'
import { DEMO_PASSWORD, demoPeople } from './demo-organization.ts'
import { seedDemoOrganization, showcaseParticipant } from './seed-demo.ts'

const DAY = 86_400_000
let t: TestApp
const now = new Date()
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

test('the demo organization is a realistic org chart that its people can sign in to', async () => {
  expect(await seedDemoOrganization(t.db, { now })).toBe('created')
  const people = await t.db.selectFrom('people').selectAll().execute()
  expect(people).toHaveLength(60)

  // One root (the CEO), everyone else reports to someone in the organization, and no cycles.
  const byId = new Map(people.map((person) => [person.id, person]))
  expect(people.filter((person) => person.manager_id === null)).toHaveLength(1)
  for (const person of people) {
    const seen = new Set<string>()
    let current: string | null = person.id
    while (current) {
      expect(seen.has(current)).toBe(false)
      seen.add(current)
      current = byId.get(current)?.manager_id ?? null
    }
  }
  expect(new Set(people.map((person) => person.department)).size).toBeGreaterThanOrEqual(8)
  expect(new Set(people.map((person) => person.time_zone)).size).toBeGreaterThanOrEqual(6)
  expect(people.every((person) => person.skills_offered.length > 0 && person.skills_wanted.length > 0)).toBe(true)

  const admin = demoPeople().find((person) => person.role === 'admin')
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: admin?.email, password: DEMO_PASSWORD },
  })
  expect(signIn.statusCode).toBe(200)
  expect(signIn.json().viewer.role).toBe('admin')
})

test('some people left, with a leaving date: participants of the program and others', async () => {
  const people = await t.db.selectFrom('people').selectAll().execute()
  const left = people.filter((person) => person.status === 'deactivated')
  expect(people.filter((person) => person.status === 'active')).toHaveLength(53)
  expect(left).toHaveLength(7)
  const today = now.toISOString().slice(0, 10)
  for (const person of left) {
    expect(person.left_on).not.toBeNull()
    expect(person.left_on! < today).toBe(true)
    expect(person.deactivated_at).not.toBeNull()
  }
  expect(people.filter((person) => person.status === 'active').every((person) => person.left_on === null)).toBe(true)
  const program = await t.db
    .selectFrom('programs')
    .selectAll()
    .where('name', '=', DEMO_PROGRAM_NAME)
    .executeTakeFirstOrThrow()
  const enrolled = new Set(
    (await t.db.selectFrom('enrollments').select('person_id').where('program_id', '=', program.id).execute()).map(
      (row) => row.person_id,
    ),
  )
  expect(left.filter((person) => enrolled.has(person.id))).toHaveLength(3)
  expect(left.filter((person) => !enrolled.has(person.id))).toHaveLength(4)
})

test('the peer coaching program has months of history: enrolled, matched, accepted or declined, sessions', async () => {
  const programs = await t.db.selectFrom('programs').selectAll().orderBy('name').execute()
  const program = programs.find((p) => p.name === DEMO_PROGRAM_NAME)
  const mentoring = programs.find((p) => p.name === DEMO_MENTORING_NAME)
  expect(program).toMatchObject({ type: 'peer_coaching', status: 'active', session_cadence_days: 14 })
  expect(mentoring).toMatchObject({ type: 'peer_mentoring', status: 'enrolling' })
  if (!program || !mentoring) return
  // It started three to four months before the seed ran, and is still running.
  const startedDaysAgo = (now.getTime() - Date.parse(`${program.starts_on}T00:00:00Z`)) / DAY
  expect(startedDaysAgo).toBeGreaterThan(90)
  expect(startedDaysAgo).toBeLessThan(125)
  expect(program.ends_on! > now.toISOString().slice(0, 10)).toBe(true)

  const enrollments = await t.db.selectFrom('enrollments').selectAll().where('program_id', '=', program.id).execute()
  expect(enrollments).toHaveLength(41)
  for (const enrollment of enrollments) {
    expect(Object.keys(enrollment.self_assessment as object).sort()).toEqual([...DEMO_FOCUS_SKILLS].sort())
    expect(enrollment.consented_at).not.toBeNull()
    expect(enrollment.created_at.getTime()).toBeLessThan(Date.parse(`${program.starts_on}T00:00:00Z`))
  }
  const mentoringRoles = await t.db
    .selectFrom('enrollments')
    .select(['mentoring_role', 'skills_offered', 'skills_wanted'])
    .where('program_id', '=', mentoring.id)
    .execute()
  const mentors = mentoringRoles.filter((e) => e.mentoring_role === 'mentor')
  const mentees = mentoringRoles.filter((e) => e.mentoring_role === 'mentee')
  expect(mentors).toHaveLength(3)
  expect(mentees).toHaveLength(5)
  // Every mentor offers at least two skills each mentee wants: a run's reasons say what they share.
  for (const mentor of mentors) {
    for (const mentee of mentees) {
      expect(
        mentee.skills_wanted.filter((skill) => mentor.skills_offered.includes(skill)).length,
      ).toBeGreaterThanOrEqual(2)
    }
  }

  const matches = await t.db.selectFrom('matches').selectAll().where('program_id', '=', program.id).execute()
  const count = (status: string) => matches.filter((m) => m.status === status).length
  expect(count('declined')).toBe(2)
  expect(count('completed')).toBe(4)
  expect(count('dissolved')).toBe(1)
  expect(count('active')).toBeGreaterThanOrEqual(12)
  expect(matches.every((m) => m.run_id !== null && m.published_at !== null && m.published_at < now)).toBe(true)
  const members = await t.db.selectFrom('match_members').selectAll().execute()
  const membersOf = (matchId: string) => members.filter((m) => m.match_id === matchId).map((m) => m.person_id)
  for (const match of matches) {
    const responses = members.filter((m) => m.match_id === match.id).map((m) => m.response)
    if (match.status === 'declined') expect(responses.sort()).toEqual(['accepted', 'declined'])
    else expect(responses).toEqual(['accepted', 'accepted'])
  }

  const people = new Map((await t.db.selectFrom('people').selectAll().execute()).map((p) => [p.id, p]))
  const sessions = await t.db.selectFrom('coaching_sessions').selectAll().orderBy('starts_at').execute()
  expect(sessions.length).toBeGreaterThanOrEqual(90)
  expect(new Set(sessions.map((s) => s.ics_uid)).size).toBe(sessions.length)
  const byStatus = (status: string) => sessions.filter((s) => s.status === status)
  expect(byStatus('held').length).toBeGreaterThanOrEqual(80)
  expect(byStatus('missed').length).toBeGreaterThanOrEqual(4)
  expect(byStatus('cancelled').length).toBeGreaterThanOrEqual(2)
  expect(byStatus('scheduled').length).toBeGreaterThanOrEqual(8)
  for (const session of sessions) {
    const match = matches.find((m) => m.id === session.match_id)
    expect(match && ['active', 'completed', 'dissolved'].includes(match.status)).toBe(true)
    const inMatch = membersOf(session.match_id)
    // Every session's people are the match's: organizer, coach and coachee.
    expect(inMatch).toContain(session.organizer_id)
    expect(inMatch).toContain(session.coach_id)
    expect(inMatch).toContain(session.coachee_id)
    expect(session.coach_id).not.toBe(session.coachee_id)
    expect(session.time_zone).toBe(people.get(session.organizer_id!)?.time_zone)
    expect(session.ics_uid).toMatch(/@tandem$/)
    const end = new Date(session.starts_at.getTime() + session.duration_minutes * 60_000)
    if (session.status === 'scheduled') expect(session.starts_at > now).toBe(true)
    else expect(end < now).toBe(true)
    if (session.status === 'cancelled') expect(session.cancel_reason).toBeTruthy()
    for (const personId of inMatch) {
      const person = people.get(personId)!
      const fits = isInWorkingHours(session.starts_at, end, {
        timeZone: person.time_zone,
        workingHoursStart: person.working_hours_start,
        workingHoursEnd: person.working_hours_end,
        workingDays: person.working_days,
      })
      expect(fits, `${person.name} at ${session.starts_at.toISOString()}`).toBe(true)
    }
  }
  // Roles alternate as the sessions module assigns them: cancelled sessions do not count.
  for (const match of matches) {
    const counted = sessions.filter((s) => s.match_id === match.id && s.status !== 'cancelled')
    for (let i = 1; i < counted.length; i++) {
      expect(counted[i].coachee_id).toBe(counted[i - 1].coach_id)
      expect(counted[i].coach_id).toBe(counted[i - 1].coachee_id)
    }
  }
  // At risk: active matches without a held session for twice the cadence.
  const atRisk = matches.filter((match) => {
    if (match.status !== 'active') return false
    const last = sessions.filter((s) => s.match_id === match.id && s.status === 'held').at(-1)
    return !last || now.getTime() - last.starts_at.getTime() > 2 * program.session_cadence_days * DAY
  })
  expect(atRisk.length).toBeGreaterThanOrEqual(2)
})

test('the workspace history belongs to the match members, private things to their author', async () => {
  const members = await t.db.selectFrom('match_members').selectAll().execute()
  const isMember = (matchId: string, personId: string | null) =>
    members.some((m) => m.match_id === matchId && m.person_id === personId)
  const sessions = new Map((await t.db.selectFrom('coaching_sessions').selectAll().execute()).map((s) => [s.id, s]))
  const matches = new Map((await t.db.selectFrom('matches').selectAll().execute()).map((m) => [m.id, m]))

  const agreements = await t.db.selectFrom('agreements').selectAll().execute()
  const acceptances = await t.db.selectFrom('agreement_acceptances').selectAll().execute()
  expect(agreements).toHaveLength(18)
  for (const agreement of agreements) {
    const accepted = acceptances.filter((a) => a.agreement_id === agreement.id)
    expect(accepted).toHaveLength(2)
    expect(accepted.every((a) => a.version === agreement.version && isMember(agreement.match_id, a.person_id))).toBe(
      true,
    )
  }
  const goals = await t.db.selectFrom('goals').selectAll().execute()
  expect(goals.length).toBe(36)
  expect(goals.filter((g) => g.status === 'achieved').length).toBeGreaterThanOrEqual(8)
  expect(goals.every((g) => isMember(g.match_id, g.owner_id))).toBe(true)
  expect(goals.filter((g) => g.status === 'achieved').every((g) => g.progress === 100)).toBe(true)
  const updates = await t.db.selectFrom('goal_updates').selectAll().execute()
  expect(updates.length).toBeGreaterThanOrEqual(60)

  const notes = await t.db.selectFrom('session_notes').selectAll().execute()
  const reflections = await t.db.selectFrom('reflections').selectAll().execute()
  const actions = await t.db.selectFrom('action_items').selectAll().execute()
  expect(notes.length).toBeGreaterThanOrEqual(80)
  expect(reflections.length).toBeGreaterThanOrEqual(30)
  expect(actions.some((a) => a.done_at !== null) && actions.some((a) => a.done_at === null)).toBe(true)
  for (const row of [...notes, ...reflections, ...actions]) {
    expect(sessions.get(row.session_id!)?.status).toBe('held')
    expect(sessions.get(row.session_id!)?.match_id).toBe(row.match_id)
  }
  expect(notes.every((n) => isMember(n.match_id, n.author_id))).toBe(true)
  expect(reflections.every((r) => isMember(r.match_id, r.author_id))).toBe(true)
  expect(actions.every((a) => isMember(a.match_id, a.owner_id) && isMember(a.match_id, a.created_by))).toBe(true)

  // Feedback both ways after held sessions, constructive (nothing for the wording check to flag).
  const feedback = await t.db.selectFrom('feedback').selectAll().execute()
  expect(feedback.length).toBeGreaterThanOrEqual(150)
  for (const item of feedback) {
    const session = sessions.get(item.session_id)
    expect(session?.status).toBe('held')
    expect(item.created_at > session!.starts_at).toBe(true)
    expect(isMember(item.match_id, item.giver_id) && isMember(item.match_id, item.receiver_id)).toBe(true)
    expect(item.giver_id).not.toBe(item.receiver_id)
    expect(item.flags).toEqual([])
  }
  const ratings = feedback.map((f) => f.rating_questions)
  expect(Math.min(...ratings)).toBeLessThan(4)
  expect(Math.max(...ratings)).toBe(5)

  // Check-ins are the person's own, before and after their sessions.
  const checkins = await t.db.selectFrom('wellbeing_checkins').selectAll().execute()
  expect(checkins.length).toBeGreaterThanOrEqual(100)
  for (const checkin of checkins) {
    expect(isMember(checkin.match_id, checkin.person_id)).toBe(true)
    const session = sessions.get(checkin.session_id!)
    expect(session?.match_id).toBe(checkin.match_id)
    if (checkin.moment === 'before') expect(checkin.created_at <= session!.starts_at).toBe(true)
    else expect(checkin.created_at > session!.starts_at).toBe(true)
  }

  // Surveys: pairing fit after a first session (one or two poor), closing ones on ended matches.
  const surveys = await t.db.selectFrom('match_surveys').selectAll().execute()
  const fits = surveys.filter((s) => s.kind === 'fit')
  const closing = surveys.filter((s) => s.kind === 'closing')
  expect(fits.length).toBeGreaterThanOrEqual(25)
  const fitValues = fits.map((s) => (s.answers as { fit: number }).fit)
  expect(fitValues.filter((fit) => fit <= 2)).toHaveLength(1)
  expect(fitValues.filter((fit) => fit >= 4).length).toBeGreaterThan(fits.length * 0.8)
  for (const survey of fits) {
    const first = [...sessions.values()]
      .filter((s) => s.match_id === survey.match_id && s.status === 'held')
      .sort((x, y) => x.starts_at.getTime() - y.starts_at.getTime())[0]
    expect(survey.created_at > first.starts_at).toBe(true)
    expect(isMember(survey.match_id, survey.person_id)).toBe(true)
  }
  expect(closing).toHaveLength(9)
  for (const survey of closing) {
    const match = matches.get(survey.match_id)
    expect(['completed', 'dissolved']).toContain(match?.status)
    expect(survey.created_at > match!.ended_at!).toBe(true)
    const answers = survey.answers as { satisfaction: number; wouldRecommend: number; selfAssessment: object }
    expect(Object.keys(answers.selfAssessment).sort()).toEqual([...DEMO_FOCUS_SKILLS].sort())
    expect(answers.wouldRecommend).toBeGreaterThanOrEqual(0)
    expect(answers.wouldRecommend).toBeLessThanOrEqual(10)
  }
  const repairs = await t.db.selectFrom('repair_requests').selectAll().execute()
  expect(repairs).toHaveLength(1)
  expect(repairs[0].status).toBe('open')
  expect(isMember(repairs[0].match_id, repairs[0].person_id)).toBe(true)
  expect(matches.get(repairs[0].match_id)?.status).toBe('active')
})

test('the app reads the history: a member opens each section of their workspace, the program manager the follow-up', async () => {
  const person = async (name: string) =>
    t.db.selectFrom('people').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
  const program = await t.db
    .selectFrom('programs')
    .selectAll()
    .where('name', '=', DEMO_PROGRAM_NAME)
    .executeTakeFirstOrThrow()
  const get = async (headers: Record<string, string>, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers })
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
    return response.json()
  }
  for (const status of ['active', 'completed'] as const) {
    // The match of that status with the most held sessions: matches published together share
    // published_at, and ordering by their random ids once picked an at-risk pair with only two.
    const match = await t.db
      .selectFrom('matches as m')
      .selectAll('m')
      .select((eb) =>
        eb
          .selectFrom('coaching_sessions as s')
          .whereRef('s.match_id', '=', 'm.id')
          .where('s.status', '=', 'held')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('held'),
      )
      .where('m.program_id', '=', program.id)
      .where('m.status', '=', status)
      .orderBy('held', 'desc')
      .orderBy('m.published_at')
      .orderBy('m.id')
      .executeTakeFirstOrThrow()
    const member = await t.db
      .selectFrom('match_members as mm')
      .innerJoin('people as p', 'p.id', 'mm.person_id')
      .selectAll('p')
      .where('mm.match_id', '=', match.id)
      .where('p.status', '=', 'active')
      .orderBy('p.name')
      .executeTakeFirstOrThrow()
    const headers = await sessionHeadersFor(t.db, member)
    const base = `/api/matches/${match.id}`
    const workspace = await get(headers, `${base}/workspace`)
    expect(workspace.agreement.focus).toBeTruthy()
    expect(workspace.goals.length).toBe(2)
    const sessions = await get(headers, `${base}/sessions`)
    expect(sessions.past.filter((s: { status: string }) => s.status === 'held').length).toBeGreaterThan(2)
    // Give and take: each member coached and was coached in held sessions.
    for (const side of sessions.balance) expect(side.coached * side.coachee).toBeGreaterThan(0)
    expect((await get(headers, `${base}/notes`)).notes.length).toBeGreaterThan(2)
    await get(headers, `${base}/reflections`)
    expect((await get(headers, `${base}/action-items`)).actionItems.length).toBeGreaterThan(2)
    await get(headers, `${base}/feedback`)
    await get(headers, `${base}/wellbeing-checkins`)
    const exits = await get(headers, `${base}/fit-and-exits`)
    expect(exits.myFit).not.toBeNull()
    if (status === 'completed') expect(exits.myClosingSurvey).not.toBeNull()
  }
  const manager = await sessionHeadersFor(t.db, await person('Samuel Adeyemi'))
  const requests = await get(manager, `/api/programs/${program.id}/repair-requests`)
  expect(requests.requests).toHaveLength(1)
  await get(manager, `/api/programs/${program.id}/feedback-summary`)
})

test('the participant the sign-in hint names reaches a working match: sessions held and coming, goals and notes', async () => {
  const showcase = await showcaseParticipant(t.db)
  expect(showcase).toBeDefined()
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: showcase!.email, password: DEMO_PASSWORD },
  })
  expect(signIn.statusCode).toBe(200)
  expect(signIn.json().viewer.role).toBe('participant')
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie } })
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
    return response.json()
  }
  // Home lists the match (not "Enroll in a program"), and its workspace opens with everything in it.
  const home = JSON.stringify(await get('/api/me/matches'))
  expect(home).toContain(showcase!.matchId)
  const workspace = await get(`/api/matches/${showcase!.matchId}/workspace`)
  expect(workspace.match.status).toBe('active')
  expect(workspace.agreement).not.toBeNull()
  expect(workspace.goals.length).toBeGreaterThan(0)
  const sessions = await get(`/api/matches/${showcase!.matchId}/sessions`)
  expect(sessions.upcoming.length).toBeGreaterThan(0)
  expect(sessions.past.some((session: { status: string }) => session.status === 'held')).toBe(true)
  expect((await get(`/api/matches/${showcase!.matchId}/notes`)).notes.length).toBeGreaterThan(0)
})

test('the history is written the same way on every run (relative to the run date)', async () => {
  const again = await createTestApp()
  try {
    expect(await seedDemoOrganization(again.db, { now })).toBe('created')
    const story = async (db: TestApp['db']) =>
      (
        await db
          .selectFrom('coaching_sessions as s')
          .innerJoin('people as coach', 'coach.id', 's.coach_id')
          .select(['s.starts_at', 's.status', 'coach.name', 's.agenda'])
          .orderBy('s.starts_at')
          .orderBy('coach.name')
          .execute()
      ).map((row) => `${row.starts_at.toISOString()} ${row.status} ${row.name} ${row.agenda}`)
    expect(await story(again.db)).toEqual(await story(t.db))
  } finally {
    await again.close()
  }
})

test('seeding again changes nothing', async () => {
  const tables = ['people', 'matches', 'coaching_sessions', 'feedback', 'match_surveys', 'programs'] as const
  const counts = async () =>
    Promise.all(
      tables.map(async (table) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    )
  const before = await t.db.selectFrom('people').select(['id', 'updated_at']).orderBy('id').execute()
  const countsBefore = await counts()
  expect(await seedDemoOrganization(t.db)).toBe('unchanged')
  const after = await t.db.selectFrom('people').select(['id', 'updated_at']).orderBy('id').execute()
  expect(after).toEqual(before)
  expect(await counts()).toEqual(countsBefore)
})
