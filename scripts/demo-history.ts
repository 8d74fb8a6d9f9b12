// A few months of history for the demo organization, relative to the day the seed runs: the peer
// coaching program "Northwind peer coaching, first cycle" (enrolled, matched by the real engine,
// published, accepted or declined, then sessions, goals, notes, feedback, check-ins and surveys),
// a smaller mentoring program still enrolling, and people who left (some of them participants).
//
// The program's life up to the responses goes through the services the API calls, as the people
// themselves (self-enrollment with the pre self-assessment, matching run, publish, accept or
// decline); its timestamps are then moved back to when they would have happened. The workspace
// history is in the past, which the services refuse to write ("now" is their clock), so those
// rows are inserted directly with the services' rules: bodies parsed by the API's own Zod schemas,
// roles from the sessions module's firstRoles/nextRoles, times in UTC from the organizer's local
// time in their zone (inside everyone's working hours), an ics_uid and sequence per session,
// feedback only for held sessions and passed through the constructive-wording check, fit surveys
// only after a first session, closing surveys only for ended matches. Leavers go through
// deactivatePerson with their leaving date.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { FeedbackRatingsSchema, FeedbackTextsSchema } from '#contracts/feedback.ts'
import { checkFeedbackWording } from '#contracts/feedback-wording.ts'
import {
  ClosingSurveyBodySchema,
  CreateRepairRequestBodySchema,
  FitAnswerBodySchema,
} from '#contracts/fit-and-exits.ts'
import { localToInstant, Temporal, toLocal } from '#contracts/time.ts'
import { ProposeAgreementBodySchema } from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { createMailer } from '#server/mail/mailer.ts'
import { enroll } from '#server/modules/enrollments/enrollments.service.ts'
import { publishMatches, respondToMatch } from '#server/modules/matching/matches.service.ts'
import { runMatchingNow } from '#server/modules/matching/matching-runs.service.ts'
import { deactivatePerson } from '#server/modules/people/people.service.ts'
import { changeProgram, createProgram, transitionProgram } from '#server/modules/programs/programs.service.ts'
import { firstRoles, nextRoles, type Roles } from '#server/modules/sessions/session-roles.ts'
import { isInWorkingHours } from '#server/modules/sessions/working-hours.ts'
import { createTheme } from '#server/modules/themes/themes.service.ts'
import * as words from './demo-history-content.ts'
import { random } from './demo-organization.ts'

export const DEMO_PROGRAM_NAME = 'Northwind peer coaching, first cycle'
export const DEMO_MENTORING_NAME = 'Northwind mentoring: first-time managers'
export const DEMO_FOCUS_SKILLS = ['active-listening', 'giving-feedback', 'difficult-conversations']

const DAY = 86_400_000
const HOUR = 3_600_000
const CADENCE_DAYS = 14
const TARGET_SESSIONS = 6
const SESSION_MINUTES = 60

/** What each match's months look like. */
type Story = 'completed' | 'steady' | 'slipping' | 'at_risk' | 'poor_fit' | 'partner_left'

/** Who leaves, and when (days before the run). Participants are chosen among the matched. */
const NON_PARTICIPANT_LEAVERS: { name: string; daysAgo: number }[] = [
  { name: 'Tyler Brooks', daysAgo: 71 },
  { name: 'Kwame Mensah', daysAgo: 44 },
  { name: 'Yuki Tanaka', daysAgo: 23 },
  { name: 'Chloe Lambert', daysAgo: 9 },
]

/** People who sit this cycle out (they lead, run the program, or join the mentoring program). */
const NOT_ENROLLED = new Set([
  'Amara Okafor',
  'Maria Garcia',
  'Samuel Adeyemi',
  'Nora Hansen',
  'Lukas Becker',
  'James Carter',
  'Grace Kim',
  ...NON_PARTICIPANT_LEAVERS.map((leaver) => leaver.name),
])

const MENTORS = ['Olivia Wilson', 'Robert Fischer', 'Isabelle Martin']
const MENTEES = ['Deepa Krishnan', 'Rohan Das', 'Emily Zhang', 'Aisha Khan', 'Nikhil Rao']

interface PersonRow {
  id: string
  name: string
  email: string
  role: 'admin' | 'program_manager' | 'participant'
  time_zone: string
  working_hours_start: string
  working_hours_end: string
  working_days: number[]
  skills_offered: string[]
  skills_wanted: string[]
  location: string
}

export interface DemoHistorySummary {
  programId: string
  mentoringProgramId: string
  matches: number
  sessions: number
  leavers: number
}

/** The demo's history already exists when its program does (it is written in one transaction). */
export async function hasDemoHistory(db: Db, organizationId: string): Promise<boolean> {
  const found = await db
    .selectFrom('programs')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('name', '=', DEMO_PROGRAM_NAME)
    .executeTakeFirst()
  return found !== undefined
}

const dateOnly = (date: Date) => date.toISOString().slice(0, 10)

/** A creation time moved back (created_at columns are written once, so Kysely types them as not updatable). */
const past = (date: Date) => sql<never>`${date.toISOString()}::timestamptz`

function viewerOf(person: PersonRow, organizationId: string): Viewer {
  return {
    personId: person.id,
    organizationId,
    role: person.role,
    name: person.name,
    email: person.email,
    sessionId: 'seed-demo',
    csrfToken: '',
    address: null,
  }
}

/**
 * Writes the demo history into an organization whose people are imported and active. Call it in a
 * transaction: the matching run and every write then land together or not at all.
 */
export async function seedDemoHistory(
  db: Db,
  options: { organizationId: string; now?: Date; publicUrl?: string },
): Promise<DemoHistorySummary> {
  const now = options.now ?? new Date()
  const organizationId = options.organizationId
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY + hours * HOUR)
  const next = random(20260301)
  const pickOne = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const chance = (p: number) => next() < p

  const people = (await db
    .selectFrom('people')
    .select([
      'id',
      'name',
      'email',
      'role',
      'time_zone',
      'working_hours_start',
      'working_hours_end',
      'working_days',
      'skills_offered',
      'skills_wanted',
      'location',
    ])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute()) as PersonRow[]
  const byName = new Map(people.map((person) => [person.name, person]))
  const byId = new Map(people.map((person) => [person.id, person]))
  const named = (name: string) => {
    const person = byName.get(name)
    if (!person) throw new Error(`The demo history needs ${name}, who is not an active person of the organization`)
    return person
  }
  const admin = viewerOf(named('Maria Garcia'), organizationId)
  const manager = viewerOf(named('Samuel Adeyemi'), organizationId)
  const supportContact = named('Nora Hansen')
  const firstName = (id: string) => byId.get(id)?.name.split(' ')[0] ?? 'my peer'

  // ---- the program, through the services ---------------------------------------------------------
  const theme = await createTheme(db, admin, {
    name: 'Grow leaders from within',
    description:
      'Most of our next leads will come from inside Northwind. Peer coaching and mentoring help people practise the conversations leading asks for.',
  })
  const program = await createProgram(db, manager, {
    type: 'peer_coaching',
    name: DEMO_PROGRAM_NAME,
    description:
      'Pairs of peers from different teams meet every two weeks for an hour, agree a focus and goals, and coach each other in turn. Focus this cycle: listening, feedback and the conversations we tend to put off.',
    themeId: theme.id,
    startsOn: dateOnly(ago(105)),
    endsOn: dateOnly(ago(-14)),
    sessionCadenceDays: CADENCE_DAYS,
    targetSessionCount: TARGET_SESSIONS,
    sessionMinutes: SESSION_MINUTES,
    focusSkills: DEMO_FOCUS_SKILLS,
    supportContactId: supportContact.id,
  })
  await transitionProgram(db, manager, program.id, 'enrolling', now)

  const enrollees = people.filter(
    (person) =>
      person.role === 'participant' &&
      !NOT_ENROLLED.has(person.name) &&
      !MENTORS.includes(person.name) &&
      !MENTEES.includes(person.name),
  )
  for (const person of enrollees) {
    const level = () => 1 + Math.floor(next() * 3) + (chance(0.2) ? 1 : 0)
    await enroll(
      db,
      viewerOf(person, organizationId),
      program.id,
      {
        hasConsented: true,
        intent: pickOne(words.INTENTS),
        skillsWanted: person.skills_wanted,
        skillsOffered: person.skills_offered,
        selfAssessment: Object.fromEntries(DEMO_FOCUS_SKILLS.map((skill) => [skill, level()])),
      },
      now,
    )
  }
  // Each enrollment at its own time, in the order people enrolled: the matching engine reads the
  // cohort in that order, so the same pairs come out on every run.
  const enrollments = await db
    .selectFrom('enrollments as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select('e.id')
    .where('e.program_id', '=', program.id)
    .orderBy('p.name')
    .execute()
  for (let i = enrollments.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[enrollments[i], enrollments[j]] = [enrollments[j], enrollments[i]]
  }
  for (const [index, row] of enrollments.entries()) {
    const at = ago(118 - (index * 11) / enrollments.length, index % 3)
    await db
      .updateTable('enrollments')
      .set({ created_at: past(at), updated_at: at, consented_at: at })
      .where('id', '=', row.id)
      .execute()
  }
  await transitionProgram(db, manager, program.id, 'matching', now)
  const run = await runMatchingNow(db, manager, program.id, { label: 'First run' }, { now: () => now })
  if (run.status !== 'succeeded') throw new Error(`The demo matching run ${run.status}: ${run.error}`)
  // The outbox, never SMTP: the demo's addresses are not real.
  const mailer = createMailer({ smtpUrl: undefined, from: 'Tandem <tandem@northwind.example>' })
  await publishMatches(
    db,
    { mailer, publicUrl: options.publicUrl ?? 'http://localhost:3000' },
    manager,
    program.id,
    now,
  )
  // Enrollment closed before matching began.
  await changeProgram(db, manager, program.id, { enrollmentClosesOn: dateOnly(ago(106)) }, now)

  const matchRows = await db
    .selectFrom('matches')
    .select(['id', 'score'])
    .where('program_id', '=', program.id)
    .where('status', '=', 'published')
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute()
  const memberRows = await db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select(['mm.match_id', 'mm.person_id', 'mm.role', 'p.name'])
    .where('mm.organization_id', '=', organizationId)
    .where(
      'mm.match_id',
      'in',
      matchRows.map((m) => m.id),
    )
    // The sessions module lists members in this order; roles follow it.
    .orderBy('p.name')
    .orderBy('mm.person_id')
    .execute()
  // In the order of their members' names (ids are random), so every run tells the same stories.
  const matches = matchRows
    .map((row) => ({
      id: row.id,
      key: memberRows
        .filter((m) => m.match_id === row.id)
        .map((m) => m.name)
        .join(' & '),
      members: memberRows.filter((m) => m.match_id === row.id).map((m) => ({ personId: m.person_id, role: m.role })),
    }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  if (matches.length < 14) throw new Error(`The demo matching made only ${matches.length} matches`)

  // Two matches are declined (reasons for the program manager), the rest accepted.
  const declined = [matches[5], matches[11]]
  for (const [index, match] of declined.entries()) {
    const [first, second] = match.members
    await respondToMatch(
      db,
      viewerOf(byIdOrThrow(byId, second.personId), organizationId),
      match.id,
      {
        response: 'accepted',
      },
      now,
    )
    await respondToMatch(
      db,
      viewerOf(byIdOrThrow(byId, first.personId), organizationId),
      match.id,
      {
        response: 'declined',
        reason: words.DECLINE_REASONS[index],
      },
      now,
    )
  }
  const accepted = matches.filter((match) => !declined.includes(match))
  for (const match of accepted) {
    for (const member of match.members) {
      await respondToMatch(
        db,
        viewerOf(byIdOrThrow(byId, member.personId), organizationId),
        match.id,
        {
          response: 'accepted',
        },
        now,
      )
    }
  }

  // ---- back to when it happened -------------------------------------------------------------------
  // The organization and its people were there long before the program.
  await db
    .updateTable('organizations')
    .set({ created_at: past(ago(400)) })
    .where('id', '=', organizationId)
    .execute()
  await db
    .updateTable('people')
    .set({ created_at: past(ago(400)) })
    .where('organization_id', '=', organizationId)
    .execute()
  await db
    .updateTable('programs')
    .set({ created_at: past(ago(120)), updated_at: ago(106) })
    .where('id', '=', program.id)
    .execute()
  await db
    .updateTable('matching_runs')
    .set({ created_at: past(ago(104, 10)), started_at: ago(104, 10), finished_at: ago(104, 10.01) })
    .where('id', '=', run.id)
    .execute()
  await db
    .updateTable('matches')
    .set({ created_at: past(ago(104, 10)), updated_at: ago(101), published_at: ago(103, 9) })
    .where('program_id', '=', program.id)
    .execute()
  for (const [index, match] of matches.entries()) {
    for (const [position, member] of match.members.entries()) {
      await db
        .updateTable('match_members')
        .set({ responded_at: ago(103 - (index % 3), 11 + position * 3) })
        .where('match_id', '=', match.id)
        .where('person_id', '=', member.personId)
        .execute()
    }
  }
  for (const match of declined) {
    await db
      .updateTable('matches')
      .set({ ended_at: ago(102, 14) })
      .where('id', '=', match.id)
      .execute()
  }

  // ---- the months in each match -------------------------------------------------------------------
  const stories: Story[] = accepted.map((_, index) => {
    if (index < 4) return 'completed'
    if (index === 4) return 'partner_left'
    if (index === 5) return 'poor_fit'
    if (index === 6 || index === 7) return 'at_risk'
    if (index % 4 === 0) return 'slipping'
    return 'steady'
  })
  let sessionCount = 0
  const participantLeavers: { personId: string; daysAgo: number }[] = []
  for (const [index, match] of accepted.entries()) {
    const story = stories[index]
    const members = match.members
    const [a, b] = members
    const leftOn = story === 'partner_left' ? 45 : null
    if (leftOn !== null) participantLeavers.push({ personId: b.personId, daysAgo: leftOn })
    // Most pairs met within a week or two of accepting; the steady ones took a few weeks to start
    // (their sessions then run to the end of the program).
    // Half the pairs meet on the other week of the cadence.
    const startDay =
      (story === 'steady' || story === 'slipping' ? 75 - (index % 4) * 3 : 97 - (index % 5)) - (index % 2) * 7

    // Agreement, proposed by one member and accepted by both (one match changed its focus once).
    const focus = words.FOCUSES[index % words.FOCUSES.length]
    const agreement = ProposeAgreementBodySchema.parse({
      focus: focus.focus,
      groundRules: {
        confidentiality: focus.confidentiality,
        cadence: `Every two weeks, ${SESSION_MINUTES} minutes, on video unless we are in the same office.`,
        feedback: focus.feedback,
      },
    })
    const isRevised = index === 9
    const proposedAt = ago(startDay + 3, 10)
    const version = isRevised ? 2 : 1
    const inserted = await db
      .insertInto('agreements')
      .values({
        organization_id: organizationId,
        match_id: match.id,
        focus: agreement.focus,
        ground_rules: JSON.stringify(agreement.groundRules),
        version,
        proposed_by: a.personId,
        proposed_at: isRevised ? ago(startDay - 20) : proposedAt,
        updated_at: isRevised ? ago(startDay - 20) : proposedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [position, member] of members.entries()) {
      await db
        .insertInto('agreement_acceptances')
        .values({
          agreement_id: inserted.id,
          person_id: member.personId,
          version,
          accepted_at: isRevised ? ago(startDay - 20, 4 + position) : ago(startDay + 2, position * 5),
        })
        .execute()
    }

    // Sessions at the cadence: who organizes, when (local time in their zone), what happened.
    const organizer = byIdOrThrow(byId, members[index % 2 === 0 ? 0 : 1].personId)
    const lastHeldDay = story === 'partner_left' ? (leftOn ?? 0) : story === 'at_risk' ? 40 + (index % 2) * 9 : -1
    type Planned = { day: number; status: 'held' | 'missed' | 'cancelled' | 'scheduled'; rescheduled: boolean }
    const plan: Planned[] = []
    let heldCount = 0
    for (let slot = 0; slot < 10; slot++) {
      const day = startDay - slot * CADENCE_DAYS
      const isPast = day >= 3 // far enough back that the local day has ended everywhere
      if (story === 'completed' && heldCount >= TARGET_SESSIONS) break
      if (story === 'poor_fit' && slot >= 3) break
      if ((story === 'at_risk' || story === 'partner_left') && day < lastHeldDay) {
        // An at-risk match let its last planned session lapse.
        if (story === 'at_risk' && plan.at(-1)?.status !== 'missed')
          plan.push({ day, status: 'missed', rescheduled: false })
        break
      }
      if (!isPast) {
        // The next session is in the calendar (before the program ends).
        plan.push({ day: Math.min(day, -1), status: 'scheduled', rescheduled: slot % 3 === 0 })
        break
      }
      let status: Planned['status'] = 'held'
      if (story === 'slipping' && slot % 3 === 2) status = 'missed'
      if (story === 'poor_fit' && slot === 2) status = 'cancelled'
      if (story === 'steady' && slot === 3 && index % 3 === 0) status = 'cancelled'
      plan.push({ day, status, rescheduled: status === 'held' && chance(0.2) })
      if (status === 'cancelled') plan.push({ day: day - 3, status: 'held', rescheduled: false })
      if (status === 'held' || (status === 'cancelled' && story !== 'poor_fit')) heldCount++
    }
    if (story === 'poor_fit') {
      const last = plan.at(-1)
      if (last?.status === 'held' && last.day + 3 === plan.at(-2)?.day) plan.pop()
    }

    let previous: Roles | null = null
    const sessions: { id: string; startsAt: Date; status: Planned['status']; roles: Roles }[] = []
    const seriesId = story === 'steady' ? randomUUID() : null
    let seriesCreated = now
    for (const [slot, planned] of plan.entries()) {
      const isUpcoming = planned.status === 'scheduled'
      let startsAt = slotTime(
        ago(planned.day),
        organizer,
        members.map((m) => byIdOrThrow(byId, m.personId)),
        next,
        isUpcoming ? 1 : -1,
      )
      if (isUpcoming && startsAt.getTime() < now.getTime() + HOUR) startsAt = new Date(startsAt.getTime() + 7 * DAY)
      // As the sessions module assigns them: a cancelled session keeps the roles it had and does
      // not count; held and missed ones do, so the next session swaps.
      const sessionRoles: Roles = previous
        ? nextRoles('peer_coaching', members, previous)
        : firstRoles('peer_coaching', members, organizer.id)
      if (planned.status !== 'cancelled') previous = sessionRoles
      const sameOffice = members.every((m) => byId.get(m.personId)?.location === organizer.location)
      // A series is scheduled at once, before its first session; single sessions a week or so ahead.
      const created =
        seriesId && sessions[0] ? seriesCreated : new Date(Math.min(startsAt.getTime() - 9 * DAY, now.getTime() - HOUR))
      seriesCreated = created
      const ended = new Date(startsAt.getTime() + SESSION_MINUTES * 60_000)
      const row = await db
        .insertInto('coaching_sessions')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          series_id: seriesId,
          organizer_id: organizer.id,
          starts_at: startsAt,
          duration_minutes: SESSION_MINUTES,
          time_zone: organizer.time_zone,
          location: sameOffice ? `${organizer.location} office, small meeting room` : '',
          video_url: sameOffice ? null : `https://meet.northwind.example/${match.id.slice(0, 8)}-${slot + 1}`,
          status: planned.status,
          coach_id: sessionRoles.coachId,
          coachee_id: sessionRoles.coacheeId,
          focus: agreement.focus.slice(0, 200),
          exercise_ids: [words.EXERCISES[(index + slot) % words.EXERCISES.length]],
          agenda: words.SESSION_AGENDAS[slot % words.SESSION_AGENDAS.length],
          ics_uid: `${randomUUID()}@tandem`,
          ics_sequence: planned.rescheduled ? 1 : planned.status === 'cancelled' ? 1 : 0,
          cancel_reason: planned.status === 'cancelled' ? pickOne(words.CANCEL_REASONS) : null,
          status_changed_at:
            planned.status === 'held' || planned.status === 'missed'
              ? new Date(ended.getTime() + 2 * HOUR)
              : planned.status === 'cancelled'
                ? new Date(startsAt.getTime() - DAY)
                : null,
          created_at: created,
          updated_at: planned.status === 'scheduled' ? created : new Date(ended.getTime() + 2 * HOUR),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      sessions.push({ id: row.id, startsAt, status: planned.status, roles: sessionRoles })
    }
    sessionCount += sessions.length
    const held = sessions.filter((session) => session.status === 'held')

    // Goals: each member sets one (some two), with milestones and progress over the months.
    const progressShare = story === 'completed' ? 1 : held.length / TARGET_SESSIONS
    for (const [position, member] of members.entries()) {
      const skill = DEMO_FOCUS_SKILLS[(index + position) % DEMO_FOCUS_SKILLS.length]
      const goal = words.GOALS[skill][(index + position * 2) % words.GOALS[skill].length]
      const isAchieved = story === 'completed' ? position === 0 || index % 2 === 0 : progressShare >= 0.8 && chance(0.4)
      const progress = isAchieved ? 100 : Math.min(90, Math.round((progressShare * 80 + next() * 20) / 5) * 5)
      const setAt = ago(startDay + 1, position * 2)
      const goalRow = await db
        .insertInto('goals')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          owner_id: member.personId,
          title: goal.title,
          measure: goal.measure,
          target: goal.target,
          due_on: dateOnly(ago(-10)),
          status: story === 'partner_left' && position === 1 ? 'dropped' : isAchieved ? 'achieved' : 'active',
          progress,
          created_at: setAt,
          updated_at: held.at(-1)?.startsAt ?? setAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const [step, title] of goal.milestones.entries()) {
        const isDone = isAchieved || progress >= ((step + 1) * 100) / (goal.milestones.length + 1)
        await db
          .insertInto('goal_milestones')
          .values({
            goal_id: goalRow.id,
            organization_id: organizationId,
            title,
            due_on: dateOnly(ago(startDay - (step + 1) * 25)),
            done_at: isDone ? ago(Math.max(1, startDay - (step + 1) * 22)) : null,
            created_at: setAt,
          })
          .execute()
      }
      const updates = held.filter((_, i) => i % 2 === 1)
      for (const [step, session] of updates.entries()) {
        const value = Math.round((progress * (step + 1)) / updates.length)
        const at = new Date(session.startsAt.getTime() + 2 * DAY)
        await db
          .insertInto('goal_updates')
          .values({
            goal_id: goalRow.id,
            organization_id: organizationId,
            author_id: member.personId,
            kind: 'progress',
            progress: value,
            body: value === 100 ? words.GOAL_UPDATES[7] : words.GOAL_UPDATES[(index + step + position) % 7],
            created_at: at,
          })
          .execute()
        if (step === 0 && chance(0.6)) {
          const partner = members[(position + 1) % members.length]
          await db
            .insertInto('goal_updates')
            .values({
              goal_id: goalRow.id,
              organization_id: organizationId,
              author_id: partner.personId,
              kind: 'comment',
              progress: null,
              body: pickOne(words.PARTNER_COMMENTS),
              created_at: new Date(at.getTime() + 5 * HOUR),
            })
            .execute()
        }
      }
    }

    // Each held session: a shared note, reflections, actions, feedback both ways, check-ins.
    for (const [slot, session] of held.entries()) {
      const after = (hours: number) => new Date(session.startsAt.getTime() + hours * HOUR)
      const noteAuthor = session.roles.coacheeId ?? a.personId
      await db
        .insertInto('session_notes')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          session_id: session.id,
          author_id: noteAuthor,
          body:
            slot === held.length - 1 && story === 'completed'
              ? words.SHARED_NOTES[11]
              : words.SHARED_NOTES[(index * 3 + slot) % 11],
          created_at: after(1.2),
          updated_at: after(1.2),
        })
        .execute()
      for (const member of members) {
        if (!chance(0.35)) continue
        await db
          .insertInto('reflections')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            session_id: session.id,
            author_id: member.personId,
            body: pickOne(words.REFLECTIONS),
            created_at: after(3),
            updated_at: after(3),
          })
          .execute()
      }
      const owner = session.roles.coacheeId ?? a.personId
      const due = new Date(session.startsAt.getTime() + 10 * DAY)
      await db
        .insertInto('action_items')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          session_id: session.id,
          owner_id: owner,
          created_by: noteAuthor,
          title: words.ACTION_ITEMS[(index + slot * 5) % words.ACTION_ITEMS.length],
          due_on: dateOnly(due),
          done_at: due < now && chance(0.75) ? new Date(due.getTime() - 2 * DAY) : null,
          created_at: after(1.3),
          updated_at: after(1.3),
        })
        .execute()
      for (const [position, giver] of members.entries()) {
        const receiver = members[(position + 1) % members.length]
        if (story === 'slipping' && slot > 1 && position === 1) continue // feedback that was never written
        const text = words.FEEDBACK[(index * 2 + slot + position * 5) % words.FEEDBACK.length]
        const texts = FeedbackTextsSchema.parse(text)
        const isPoor = story === 'poor_fit'
        const ratings = FeedbackRatingsSchema.parse({
          listening: isPoor ? 3 : 4 + (chance(0.55) ? 1 : 0),
          questions: isPoor ? 2 + (chance(0.5) ? 1 : 0) : 3 + Math.floor(next() * 3),
          helpfulness: isPoor ? 3 : 4 + (chance(0.5) ? 1 : 0),
        })
        await db
          .insertInto('feedback')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            session_id: session.id,
            giver_id: giver.personId,
            receiver_id: receiver.personId,
            what_worked: texts.whatWorked,
            try_next: texts.tryNext,
            situation: texts.situation,
            behaviour: texts.behaviour,
            impact: texts.impact,
            rating_listening: ratings.listening,
            rating_questions: ratings.questions,
            rating_helpfulness: ratings.helpfulness,
            flags: JSON.stringify(checkFeedbackWording(texts)),
            created_at: after(5 + position * 20),
          })
          .execute()
      }
      for (const member of members) {
        if (!chance(0.55)) continue
        const mood = 2 + Math.floor(next() * 3)
        const stress = 2 + Math.floor(next() * 3)
        const checkins = [
          { moment: 'before' as const, mood, stress, at: after(-0.25) },
          {
            moment: 'after' as const,
            mood: Math.min(5, mood + (chance(0.7) ? 1 : 0)),
            stress: Math.max(1, stress - (chance(0.6) ? 1 : 0)),
            at: after(1.1),
          },
        ]
        for (const checkin of checkins) {
          await db
            .insertInto('wellbeing_checkins')
            .values({
              organization_id: organizationId,
              person_id: member.personId,
              match_id: match.id,
              session_id: session.id,
              moment: checkin.moment,
              mood: checkin.mood,
              stress: checkin.stress,
              note: chance(0.3) ? pickOne(words.CHECKIN_NOTES) : null,
              created_at: checkin.at,
            })
            .execute()
        }
      }
    }

    // Pairing fit after the first session: mostly good; the poor fit asks to be re-paired.
    const first = held[0]
    if (first) {
      for (const [position, member] of members.entries()) {
        const isPoor = story === 'poor_fit' && position === 0
        const isLukewarm = story === 'at_risk' && position === 1
        if (story === 'slipping' && position === 1) continue // not answered
        const answer = FitAnswerBodySchema.parse(
          isPoor
            ? { fit: 2, keepPairing: 'no', comment: words.FIT_COMMENT_POOR }
            : isLukewarm
              ? { fit: 3, keepPairing: 'unsure', comment: null }
              : {
                  fit: 4 + (chance(0.5) ? 1 : 0),
                  keepPairing: 'yes',
                  comment: chance(0.5) ? pickOne(words.FIT_COMMENTS_GOOD) : null,
                },
        )
        await db
          .insertInto('match_surveys')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            person_id: member.personId,
            kind: 'fit',
            answers: JSON.stringify(answer),
            created_at: new Date(first.startsAt.getTime() + (20 + position * 7) * HOUR),
          })
          .execute()
      }
    }
    if (story === 'poor_fit') {
      const request = CreateRepairRequestBodySchema.parse({ reason: words.REPAIR_REASON })
      await db
        .insertInto('repair_requests')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          person_id: a.personId,
          reason: request.reason,
          status: 'open',
          created_at: ago(
            Math.max(3, (held.at(-1) ? (now.getTime() - held.at(-1)!.startsAt.getTime()) / DAY : 30) - 2),
          ),
        })
        .execute()
    }
    if (story === 'slipping' && index % 8 === 0) {
      await db
        .insertInto('support_requests')
        .values({
          organization_id: organizationId,
          person_id: b.personId,
          program_id: program.id,
          match_id: match.id,
          contact_id: supportContact.id,
          message: words.SUPPORT_MESSAGE,
          consented_at: ago(30, 8),
          created_at: ago(30, 8),
        })
        .execute()
    }

    // Completed matches end after their last session; a match ends early when a member leaves.
    const lastHeld = held.at(-1)
    if (story === 'completed' && lastHeld) {
      const endedAt = new Date(lastHeld.startsAt.getTime() + 3 * DAY)
      await db
        .updateTable('matches')
        .set({ status: 'completed', ended_at: endedAt, end_reason: 'completed', updated_at: endedAt })
        .where('id', '=', match.id)
        .execute()
      for (const [position, member] of members.entries()) {
        await insertClosingSurvey(
          db,
          organizationId,
          match.id,
          member.personId,
          new Date(endedAt.getTime() + (position + 1) * DAY),
          {
            satisfaction: index === 3 && position === 1 ? 3 : 4 + (chance(0.6) ? 1 : 0),
            wouldRecommend: index === 3 && position === 1 ? 6 : 8 + Math.floor(next() * 3),
            intentToStay: index === 3 && position === 1 ? 'unsure' : 'yes',
            comment: words.CLOSING_COMMENTS[(index + position) % 5],
            pre: await preAssessment(db, program.id, member.personId),
            growth: 1,
            next,
          },
        )
      }
    }
    if (story === 'partner_left') {
      const endedAt = ago(leftOn ?? 45, 12)
      await db
        .updateTable('matches')
        .set({
          status: 'dissolved',
          ended_at: endedAt,
          end_reason: `${firstName(b.personId)} left Northwind Labs`,
          updated_at: endedAt,
        })
        .where('id', '=', match.id)
        .execute()
      await insertClosingSurvey(db, organizationId, match.id, a.personId, new Date(endedAt.getTime() + 2 * DAY), {
        satisfaction: 4,
        wouldRecommend: 8,
        intentToStay: 'yes',
        comment: words.CLOSING_COMMENTS[5],
        pre: await preAssessment(db, program.id, a.personId),
        growth: 0,
        next,
      })
    }
  }
  // One completed match's member left a week ago: retention has a participant who stayed through it.
  participantLeavers.push({ personId: accepted[1].members[1].personId, daysAgo: 8 })
  // And a participant whose match was declined left too.
  participantLeavers.push({ personId: declined[1].members[0].personId, daysAgo: 60 })

  // Notifications from the services happened back when the matches were published.
  await db
    .updateTable('notifications')
    .set({ created_at: past(ago(103, 9)), read_at: ago(102, 9) })
    .where('organization_id', '=', organizationId)
    .execute()
  await db
    .updateTable('outbox_emails')
    .set({ created_at: past(ago(103, 9)), sent_at: ago(103, 9) })
    .where('organization_id', '=', organizationId)
    .where('subject', 'like', '%Your match in%')
    .execute()

  // ---- the mentoring program, still enrolling ---------------------------------------------------
  const mentoring = await createProgram(db, manager, {
    type: 'peer_mentoring',
    name: DEMO_MENTORING_NAME,
    description:
      'Newly promoted team leads are paired with an experienced manager from another department for six months. Enrollment is open.',
    themeId: theme.id,
    startsOn: dateOnly(ago(-21)),
    endsOn: dateOnly(ago(-200)),
    enrollmentClosesOn: dateOnly(ago(-14)),
    focusSkills: ['delegation', 'coaching-others', 'giving-feedback'],
    supportContactId: supportContact.id,
  })
  await transitionProgram(db, manager, mentoring.id, 'enrolling', now)
  // Mentors offer what the program is about, and each mentee wants two of its skills, so a run's
  // reasons read as they would in a real program ("Lena wants delegation and Omar offers it").
  const focusSkills = ['delegation', 'coaching-others', 'giving-feedback']
  for (const [index, name] of [...MENTORS, ...MENTEES].entries()) {
    const person = named(name)
    const isMentor = MENTORS.includes(name)
    const mentoringSkills = isMentor
      ? { skillsOffered: [...new Set([...focusSkills, ...person.skills_offered])], skillsWanted: person.skills_wanted }
      : {
          skillsOffered: person.skills_offered,
          skillsWanted: [
            ...new Set([focusSkills[index % 3], focusSkills[(index + 1) % 3], ...person.skills_wanted.slice(0, 1)]),
          ],
        }
    await enroll(
      db,
      viewerOf(person, organizationId),
      mentoring.id,
      {
        hasConsented: true,
        intent: isMentor
          ? 'I remember my first year as a manager. Happy to share what I learned the hard way.'
          : 'I am starting to lead people and would like someone experienced to think things through with.',
        ...mentoringSkills,
        mentoringRole: isMentor ? 'mentor' : 'mentee',
        ...(isMentor ? { mentorCapacity: 2 } : {}),
        selfAssessment: { delegation: isMentor ? 4 : 2, 'coaching-others': isMentor ? 4 : 2, 'giving-feedback': 3 },
      },
      now,
    )
  }
  await db
    .updateTable('programs')
    .set({ created_at: past(ago(12)), updated_at: ago(10) })
    .where('id', '=', mentoring.id)
    .execute()
  await db
    .updateTable('enrollments')
    .set({ created_at: past(ago(6)), updated_at: ago(6), consented_at: ago(6) })
    .where('program_id', '=', mentoring.id)
    .execute()

  // ---- people who left ----------------------------------------------------------------------------
  const leavers = [
    ...NON_PARTICIPANT_LEAVERS.map((leaver) => ({ personId: named(leaver.name).id, daysAgo: leaver.daysAgo })),
    ...participantLeavers,
  ]
  for (const leaver of leavers) {
    await deactivatePerson(db, admin, leaver.personId, { leftOn: dateOnly(ago(leaver.daysAgo)) }, now)
    await db
      .updateTable('people')
      .set({ deactivated_at: ago(leaver.daysAgo, 17) })
      .where('id', '=', leaver.personId)
      .execute()
  }

  return {
    programId: program.id,
    mentoringProgramId: mentoring.id,
    matches: matches.length,
    sessions: sessionCount,
    leavers: leavers.length,
  }
}

function byIdOrThrow(byId: Map<string, PersonRow>, id: string): PersonRow {
  const person = byId.get(id)
  if (!person) throw new Error(`No active demo person ${id}`)
  return person
}

async function preAssessment(db: Db, programId: string, personId: string): Promise<Record<string, number>> {
  const row = await db
    .selectFrom('enrollments')
    .select('self_assessment')
    .where('program_id', '=', programId)
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow()
  return row.self_assessment as Record<string, number>
}

async function insertClosingSurvey(
  db: Db,
  organizationId: string,
  matchId: string,
  personId: string,
  at: Date,
  input: {
    satisfaction: number
    wouldRecommend: number
    intentToStay: 'yes' | 'no' | 'unsure'
    comment: string
    pre: Record<string, number>
    growth: number
    next: () => number
  },
) {
  // Post self-assessment: most people rate themselves a point higher on some focus skills.
  const selfAssessment = Object.fromEntries(
    DEMO_FOCUS_SKILLS.map((skill) => [
      skill,
      Math.min(5, (input.pre[skill] ?? 2) + (input.next() < 0.7 ? input.growth : 0) + (input.next() < 0.15 ? 1 : 0)),
    ]),
  )
  const body = ClosingSurveyBodySchema.parse({
    satisfaction: input.satisfaction,
    wouldRecommend: input.wouldRecommend,
    selfAssessment,
    intentToStay: input.intentToStay,
    comment: input.comment,
  })
  await db
    .insertInto('match_surveys')
    .values({
      organization_id: organizationId,
      match_id: matchId,
      person_id: personId,
      kind: 'closing',
      answers: JSON.stringify({ ...body, intentToStay: body.intentToStay ?? null }),
      created_at: at,
    })
    .execute()
}

/**
 * The start of a session around `around`: a weekday, on the half hour in the organizer's zone,
 * inside every member's working hours (the organizer's 10:00 when nothing fits everyone).
 */
function slotTime(
  around: Date,
  organizer: PersonRow,
  members: PersonRow[],
  next: () => number,
  direction: 1 | -1,
): Date {
  const zone = organizer.time_zone
  let day = toLocal(around, zone).slice(0, 10)
  // To a working day of the organizer: earlier for a past session, later for one to come.
  for (let shift = 0; shift < 7; shift++) {
    const date = Temporal.PlainDate.from(day)
    if (organizer.working_days.includes(date.dayOfWeek)) break
    day = date.add({ days: direction }).toString()
  }
  const fitting: Date[] = []
  for (let minutes = 7 * 60; minutes <= 18 * 60; minutes += 30) {
    const local = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
    const start = localToInstant(local, zone)
    if (start.kind !== 'ok') continue
    const end = new Date(start.instant.getTime() + SESSION_MINUTES * 60_000)
    const fitsAll = members.every((member) =>
      isInWorkingHours(start.instant, end, {
        timeZone: member.time_zone,
        workingHoursStart: member.working_hours_start,
        workingHoursEnd: member.working_hours_end,
        workingDays: member.working_days,
      }),
    )
    if (fitsAll) fitting.push(start.instant)
  }
  if (fitting.length > 0) return fitting[Math.floor(next() * fitting.length)]
  const fallback = localToInstant(`${day}T10:00`, zone)
  return fallback.kind === 'ok' ? fallback.instant : new Date(`${day}T10:00:00Z`)
}
