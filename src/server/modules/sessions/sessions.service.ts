import { randomUUID } from 'node:crypto'
import { DEFAULT_LOCALE, formatMoment, formatSpan, formatSpanForMembers } from '#contracts/date-format.ts'
import { DAY, MINUTE } from '#contracts/durations.ts'
import { EARLIEST_DATE, isInstantInRange, LATEST_DATE } from '#contracts/input.ts'
import type {
  CancelSessionBody,
  CreatedSessions,
  CreateSessionBody,
  MyUpcomingSessions,
  MyUpcomingSessionsQuery,
  Session,
  SessionList,
  SessionStatusBody,
  SessionSuggestions,
  SessionSuggestionsQuery,
  UpdateSessionBody,
} from '#contracts/sessions.ts'
import {
  CancelSessionBodySchema,
  CreateSessionBodySchema,
  MyUpcomingSessionsQuerySchema,
  SessionStatusBodySchema,
  SessionSuggestionsQuerySchema,
  UpdateSessionBodySchema,
} from '#contracts/sessions.ts'
import { addLocalDays, localToInstant, toLocal, utcOffset } from '#contracts/time.ts'
import { workspacePath } from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import type { CoachingSessionRow, MatchStatus } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { JobRunner } from '#server/jobs/job-runner.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { getLibraryExercise } from '#server/modules/exercises/exercises.service.ts'
import {
  deliverNotifications,
  emailNotifications,
  type NotificationEmail,
  type NotificationToSend,
  type NotifyDeps,
  recordNotifications,
} from '#server/modules/notifications/notifications.service.ts'
import { queueSessionJobs } from '#server/modules/reminders/reminders.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import { memberMatch, OPEN_WORKSPACE_STATUSES } from '#server/modules/workspaces/workspaces.service.ts'
import { buildInvitation } from './session-invitation.ts'
import { assignRoles, balanceOf, firstRoles, nextRoles, type RoleMember, type Roles } from './session-roles.ts'
import { suggestSlots } from './session-suggestions.ts'
import {
  cancelFutureSessionsOfMatch,
  countUpcomingSessionsOfPerson,
  findProgramCadence,
  findSession,
  findSessionOfMatch,
  insertSessions,
  listBusySessions,
  listOverlappingSessions,
  listSessionMembers,
  listSessionMembersOfMatches,
  listSessionsOfMatch,
  listStartedSessionsOfMatch,
  listUpcomingSessionsOfPerson,
  lockMatch,
  lockPeople,
  type SessionMemberRow,
  type TimeSpan,
  updateSession,
} from './sessions.repository.ts'
import { isInWorkingHours, type WorkingTime } from './working-hours.ts'

export interface SessionDeps {
  mailer: Mailer
  /** The instance's public URL, for links in emails and invitations. */
  publicUrl: string
  /** Reminders and after-session jobs are queued with the change. */
  jobs: JobRunner
}

type MemberMatch = Awaited<ReturnType<typeof memberMatch>>

const SUGGESTION_DAYS = 28
/** Sessions can be scheduled and changed while the match runs; a completed match is read only. */
const WRITABLE_STATUSES: MatchStatus[] = ['published', 'active']

const endOf = (row: Pick<CoachingSessionRow, 'starts_at' | 'duration_minutes'>) =>
  new Date(row.starts_at.getTime() + row.duration_minutes * MINUTE)

function workingTime(member: SessionMemberRow): WorkingTime {
  return {
    timeZone: member.time_zone,
    workingHoursStart: member.working_hours_start,
    workingHoursEnd: member.working_hours_end,
    workingDays: member.working_days,
  }
}

function localTimesOf(start: Date, end: Date, members: SessionMemberRow[]) {
  return members.map((member) => {
    const zone = member.time_zone
    return {
      personId: member.person_id,
      name: member.name,
      timeZone: zone,
      start: toLocal(start, zone),
      end: toLocal(end, zone),
      utcOffset: utcOffset(start, zone),
      inWorkingHours: isInWorkingHours(start, end, workingTime(member)),
    }
  })
}

function toSession(row: CoachingSessionRow, members: SessionMemberRow[]): Session {
  const end = endOf(row)
  return {
    id: row.id,
    matchId: row.match_id,
    seriesId: row.series_id,
    startsAt: toIso(row.starts_at),
    endsAt: toIso(end),
    durationMinutes: row.duration_minutes,
    timeZone: row.time_zone,
    organizerId: row.organizer_id,
    location: row.location,
    videoUrl: row.video_url,
    status: row.status,
    coachId: row.coach_id,
    coacheeId: row.coachee_id,
    focus: row.focus,
    exerciseIds: row.exercise_ids,
    agenda: row.agenda,
    icsSequence: row.ics_sequence,
    cancelReason: row.cancel_reason,
    statusChangedAt: row.status_changed_at ? toIso(row.status_changed_at) : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    localTimes: localTimesOf(row.starts_at, end, members),
  }
}

const roleMembers = (members: SessionMemberRow[]): RoleMember[] =>
  members.map((m) => ({ personId: m.person_id, role: m.role }))

function assertWritable(match: MemberMatch) {
  if (!WRITABLE_STATUSES.includes(match.status)) {
    throw new AppError('match_read_only', 'This match is completed: its sessions can be read but no longer changed')
  }
}

/** A session the viewer may open: its match is one they may open (else 404, like a missing one). */
async function visibleSession(db: Db, viewer: Viewer, sessionId: string) {
  const session = await findSession(db, viewer.organizationId, sessionId)
  if (!session) throw notFound('Session')
  try {
    return { session, match: await memberMatch(db, viewer, session.match_id) }
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound('Session')
    throw error
  }
}

function toInstant(local: string, timeZone: string, path: string): Date {
  const converted = localToInstant(local, timeZone)
  if (converted.kind === 'nonexistent') {
    throw new AppError(
      'nonexistent_local_time',
      `${local.replace('T', ' ')} does not exist in ${timeZone}: the clocks skip that hour for daylight saving time; pick another time`,
      [{ path, message: `does not exist in ${timeZone}` }],
    )
  }
  return converted.instant
}

/**
 * The end of a session starting at `start`: start and end both stay in the accepted date range (a
 * session at the end of 2200, or a series running past it, is refused before anything is stored).
 */
function sessionEnd(start: Date, minutes: number, path: string): Date {
  const end = new Date(start.getTime() + minutes * MINUTE)
  if (!isInstantInRange(start) || !isInstantInRange(end)) {
    throw new AppError(
      'validation_failed',
      `${path}: the session must start and end between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      [{ path, message: `must start and end between ${EARLIEST_DATE} and ${LATEST_DATE}` }],
    )
  }
  return end
}

async function assertExercisesExist(db: Db, viewer: Viewer, exerciseIds: string[]) {
  for (const [index, exerciseId] of exerciseIds.entries()) {
    try {
      await getLibraryExercise(db, viewer, exerciseId)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error
      throw new AppError('unknown_exercise', `The exercise library has no exercise "${exerciseId}"`, [
        { path: `body.exerciseIds.${index}`, message: 'is not in the exercise library' },
      ])
    }
  }
}

/**
 * No member of the match may be in two sessions at once, in this match or another. The members'
 * rows stay locked until the transaction ends, so two overlapping bookings cannot both pass. The
 * message gives the other session's time in the viewer's zone, never its match, program or partners.
 */
async function assertNoOverlap(
  trx: Db,
  viewer: Viewer,
  members: SessionMemberRow[],
  spans: TimeSpan[],
  exceptSessionId: string | null = null,
) {
  const personIds = members.map((m) => m.person_id)
  await lockPeople(trx, viewer.organizationId, personIds)
  const busy = await listOverlappingSessions(trx, viewer.organizationId, personIds, spans, exceptSessionId)
  if (busy.length === 0) return
  const me = members.find((m) => m.person_id === viewer.personId)
  // In the viewer's words: their zone and locale (the date module's style; en-GB when not chosen).
  const zone = me?.time_zone ?? 'UTC'
  const reader = { locale: me?.locale ?? DEFAULT_LOCALE, timeZone: zone }
  const overlaps = (span: TimeSpan, row: (typeof busy)[number]) => row.starts_at < span.end && endOf(row) > span.start
  const index = spans.findIndex((span) => busy.some((row) => overlaps(span, row)))
  const clashes = busy.filter((row) => overlaps(spans[index], row))
  const clash = clashes.find((row) => row.person_id === viewer.personId) ?? clashes[0]
  const who =
    clash.person_id === viewer.personId ? 'you already have' : `${nameOf(members, clash.person_id)} already has`
  const subject =
    spans.length > 1
      ? `Session ${index + 1} of ${spans.length} (${formatMoment(spans[index].start, reader)}) overlaps`
      : 'Overlaps'
  const message = `${subject} a coaching session ${who}, ${formatSpan(clash.starts_at, endOf(clash), reader)} (${zone}): pick another time`
  throw new AppError('session_overlaps', message, [{ path: 'body.startsAtLocal', message }])
}

/** Scheduled sessions take their roles from the session before them (cancelled ones do not count). */
async function reassignRoles(trx: Db, viewer: Viewer, match: MemberMatch, members: SessionMemberRow[], now: Date) {
  const rows = await listSessionsOfMatch(trx, viewer.organizationId, match.id)
  const roles = assignRoles(
    match.program_type,
    roleMembers(members),
    rows.map((r) => ({
      id: r.id,
      status: r.status,
      organizerId: r.organizer_id,
      coachId: r.coach_id,
      coacheeId: r.coachee_id,
    })),
  )
  for (const row of rows) {
    const next = roles.get(row.id)
    if (next && (next.coachId !== row.coach_id || next.coacheeId !== row.coachee_id)) {
      // Roles are in the invitation's description: a session that had roles gets a new sequence.
      const hadRoles = row.coach_id !== null || row.coachee_id !== null
      await updateSession(
        trx,
        viewer.organizationId,
        row.id,
        {
          coach_id: next.coachId,
          coachee_id: next.coacheeId,
          ics_sequence: hadRoles ? row.ics_sequence + 1 : row.ics_sequence,
        },
        now,
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Invitations, notifications and emails

function nameOf(members: SessionMemberRow[], personId: string | null): string {
  return members.find((m) => m.person_id === personId)?.name ?? 'a former member'
}

function invitationFilename(row: CoachingSessionRow): string {
  return `tandem-session-${toLocal(row.starts_at, row.time_zone).slice(0, 10)}.ics`
}

function invitationText(
  row: CoachingSessionRow,
  members: SessionMemberRow[],
  programName: string,
  deps: Pick<SessionDeps, 'publicUrl'>,
  now: Date,
): string {
  const organizer = members.find((m) => m.person_id === row.organizer_id) ?? members[0]
  return buildInvitation({
    uid: row.ics_uid,
    sequence: row.ics_sequence,
    startsAt: row.starts_at,
    endsAt: endOf(row),
    timeZone: row.time_zone,
    isCancelled: row.status === 'cancelled',
    summary: `Coaching session: ${members.map((m) => m.name).join(' & ')}`,
    description: [
      `${programName}.`,
      row.coach_id && row.coachee_id
        ? `${nameOf(members, row.coach_id)} coaches ${nameOf(members, row.coachee_id)} this time.`
        : '',
      row.focus ? `Focus: ${row.focus}` : '',
      row.agenda ? `Agenda: ${row.agenda}` : '',
      row.video_url ? `Video call: ${row.video_url}` : '',
      row.status === 'cancelled' ? `Cancelled${row.cancel_reason ? `: ${row.cancel_reason}` : '.'}` : '',
      `Open it in Tandem: ${deps.publicUrl}${workspacePath(row.match_id, 'sessions')}`,
    ]
      .filter(Boolean)
      .join('\n'),
    location: row.location,
    videoUrl: row.video_url,
    organizer: { name: organizer?.name ?? 'Tandem', email: organizer?.email ?? 'noreply@tandem.invalid' },
    attendees: members.map((m) => ({ name: m.name, email: m.email })),
    stamp: now,
  })
}

type Change = 'scheduled' | 'rescheduled' | 'cancelled'

/**
 * When a session is, for one member: in their locale and zone, with the other members' local times
 * beside it where their zones differ ("Wed, 10 Mar 2027, 20:30–21:15 (Asia/Kolkata); for Ben Ortiz
 * 16:00–16:45 (Europe/Berlin)"), through the one date module the pages use.
 */
function describeTime(row: CoachingSessionRow, member: SessionMemberRow, members: SessionMemberRow[]): string {
  const reader = { locale: member.locale ?? DEFAULT_LOCALE, timeZone: member.time_zone }
  const others = members
    .filter((m) => m.person_id !== member.person_id)
    .map((m) => ({ name: m.name, timeZone: m.time_zone }))
  return formatSpanForMembers(row.starts_at, endOf(row), reader, others)
}

/** The .ics of each session for an email: one session is the invitation proper, a series one file per session. */
function calendarFiles(
  rows: CoachingSessionRow[],
  members: SessionMemberRow[],
  programName: string,
  deps: Pick<SessionDeps, 'publicUrl'>,
  now: Date,
): Pick<NotificationEmail, 'calendarInvitation' | 'attachments'> {
  const files = rows.map((row) => ({
    method: row.status === 'cancelled' ? ('CANCEL' as const) : ('REQUEST' as const),
    filename: invitationFilename(row),
    content: invitationText(row, members, programName, deps, now),
  }))
  if (files.length === 1) return { calendarInvitation: files[0] }
  return {
    attachments: files.map((file) => ({
      filename: file.filename,
      contentType: `text/calendar; charset=utf-8; method=${file.method}`,
      content: file.content,
    })),
  }
}

/**
 * What the other members receive: an in-app notification, and an email with the .ics unless they
 * muted session invitations (the category session_changes).
 */
function outgoingFor(
  change: Change,
  rows: CoachingSessionRow[],
  members: SessionMemberRow[],
  viewer: Viewer,
  programName: string,
  deps: SessionDeps,
  now: Date,
): NotificationToSend[] {
  const first = rows[0]
  const link = workspacePath(first.match_id, 'sessions')
  const notices: NotificationToSend[] = []
  for (const member of members.filter((m) => m.person_id !== viewer.personId)) {
    const when = rows.map((row) => `- ${describeTime(row, member, members)}`).join('\n')
    const series = rows.length > 1 ? `${rows.length} coaching sessions` : 'a coaching session'
    const title = {
      scheduled: `${viewer.name} scheduled ${series} with you`,
      rescheduled: `${viewer.name} changed a coaching session`,
      cancelled: `${viewer.name} cancelled a coaching session`,
    }[change]
    const reason = change === 'cancelled' && first.cancel_reason ? `\nReason: ${first.cancel_reason}` : ''
    const text = [
      `${title} in "${programName}":`,
      when,
      reason.trim(),
      change === 'cancelled'
        ? 'The attached invitation removes it from your calendar.'
        : 'Add it to your calendar with the attached invitation.',
      `Open your workspace: ${deps.publicUrl}${link}`,
    ]
      .filter(Boolean)
      .join('\n\n')
    notices.push({
      personId: member.person_id,
      kind: `session_${change}`,
      title,
      body: `${rows.length > 1 ? 'Starting' : 'On'} ${describeTime(first, member, members)}.${reason}`,
      link,
      email: { to: member.email, subject: title, text, ...calendarFiles(rows, members, programName, deps, now) },
    })
  }
  return notices
}

/**
 * Emails go after the change committed, through the email preferences; a failing SMTP server keeps
 * the error in the outbox.
 */
async function sendEmails(db: Db, deps: SessionDeps, organizationId: string, notices: NotificationToSend[]) {
  await emailNotifications(db, deps, organizationId, notices)
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A match's sessions: upcoming (soonest first) and past (latest first), the balance and the next roles. */
export async function listSessions(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<SessionList> {
  const match = await memberMatch(db, viewer, matchId)
  const members = await listSessionMembers(db, viewer.organizationId, matchId)
  const rows = await listSessionsOfMatch(db, viewer.organizationId, matchId)
  const program = await findProgramCadence(db, viewer.organizationId, match.program_id)
  const isUpcoming = (row: CoachingSessionRow) => row.status === 'scheduled' && endOf(row) > now
  const counted = rows.filter((r) => r.status !== 'cancelled')
  const last = counted[counted.length - 1]
  const next: Roles = last
    ? nextRoles(match.program_type, roleMembers(members), { coachId: last.coach_id, coacheeId: last.coachee_id })
    : firstRoles(match.program_type, roleMembers(members), viewer.personId)
  return {
    upcoming: rows.filter(isUpcoming).map((row) => toSession(row, members)),
    past: rows
      .filter((row) => !isUpcoming(row))
      .reverse()
      .map((row) => toSession(row, members)),
    balance: balanceOf(
      members.map((m) => ({ personId: m.person_id, name: m.name })),
      rows.map((r) => ({ status: r.status, coachId: r.coach_id, coacheeId: r.coachee_id })),
    ),
    nextRoles: next,
    cadenceDays: program.session_cadence_days,
    canSchedule: WRITABLE_STATUSES.includes(match.status),
    myTimeZone: members.find((m) => m.person_id === viewer.personId)?.time_zone ?? 'UTC',
  }
}

/**
 * The viewer's own scheduled sessions that have not ended, across every match they may open,
 * soonest first: at most `limit`, with how many there are in all.
 */
export async function listMyUpcomingSessions(
  db: Db,
  viewer: Viewer,
  input: MyUpcomingSessionsQuery,
  now: Date,
): Promise<MyUpcomingSessions> {
  const query = MyUpcomingSessionsQuerySchema.parse(input)
  // The query applies the workspace's access rule (a member of a match whose members may open it).
  const args = [db, viewer.organizationId, viewer.personId, OPEN_WORKSPACE_STATUSES, now] as const
  const rows = await listUpcomingSessionsOfPerson(...args, query.limit)
  const total = await countUpcomingSessionsOfPerson(...args)
  const matchIds = [...new Set(rows.map((row) => row.match_id))]
  const members = matchIds.length > 0 ? await listSessionMembersOfMatches(db, viewer.organizationId, matchIds) : []
  const membersOf: Map<string, SessionMemberRow[]> = Map.groupBy(members, (member) => member.match_id)
  const sessions = rows.flatMap(({ program_name, ...row }) => {
    const members = membersOf.get(row.match_id)
    if (!members) return []
    const session = toSession(row, members)
    const myLocalTime = session.localTimes.find((time) => time.personId === viewer.personId)
    if (!myLocalTime) return []
    return [
      {
        ...session,
        programName: program_name,
        partners: members
          .filter((m) => m.person_id !== viewer.personId)
          .map((m) => ({ personId: m.person_id, name: m.name })),
        myLocalTime,
      },
    ]
  })
  return { sessions, total }
}

// Lookups for the other workspace modules (notes, feedback, wellbeing, fit and exits): the caller
// has already applied the workspace's access rule, so these take the organization, not a viewer.

/** A session row of the organization, whatever its match (undefined when there is none). */
export function findSessionInOrganization(db: Db, organizationId: string, sessionId: string) {
  return findSession(db, organizationId, sessionId)
}

/** A session row of this match (undefined for another match's session). */
export function findMatchSession(db: Db, organizationId: string, matchId: string, sessionId: string) {
  return findSessionOfMatch(db, organizationId, matchId, sessionId)
}

/** The match's session rows in start order. */
export function listMatchSessions(db: Db, organizationId: string, matchId: string) {
  return listSessionsOfMatch(db, organizationId, matchId)
}

/** The match's sessions that took place or began by `now` (held, or scheduled and started), latest first. */
export function listStartedMatchSessions(db: Db, organizationId: string, matchId: string, now: Date) {
  return listStartedSessionsOfMatch(db, organizationId, matchId, now)
}

/** One session of a match the viewer belongs to. */
export async function getSession(db: Db, viewer: Viewer, sessionId: string): Promise<Session> {
  const { session } = await visibleSession(db, viewer, sessionId)
  return toSession(session, await listSessionMembers(db, viewer.organizationId, session.match_id))
}

/** The session's .ics: a request while it stands, a cancellation once cancelled. */
export async function getSessionInvitation(
  db: Db,
  deps: SessionDeps,
  viewer: Viewer,
  sessionId: string,
  now: Date,
): Promise<{ filename: string; content: string }> {
  const { session, match } = await visibleSession(db, viewer, sessionId)
  const members = await listSessionMembers(db, viewer.organizationId, session.match_id)
  const program = await findProgramCadence(db, viewer.organizationId, match.program_id)
  return { filename: invitationFilename(session), content: invitationText(session, members, program.name, deps, now) }
}

/** Times inside every member's working hours and days, clear of their other scheduled sessions. */
export async function suggestSessionTimes(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: SessionSuggestionsQuery,
  now: Date,
): Promise<SessionSuggestions> {
  const query = SessionSuggestionsQuerySchema.parse(input)
  await memberMatch(db, viewer, matchId)
  const members = await listSessionMembers(db, viewer.organizationId, matchId)
  const from = new Date(Math.max(now.getTime(), query.from ? Date.parse(query.from) : 0))
  const until = new Date(from.getTime() + (SUGGESTION_DAYS + 1) * DAY)
  const busy = await listBusySessions(
    db,
    viewer.organizationId,
    members.map((m) => m.person_id),
    from,
    until,
  )
  const me = members.find((m) => m.person_id === viewer.personId)
  const slots = suggestSlots({
    members: members.map((m) => ({ personId: m.person_id, ...workingTime(m) })),
    busy: busy.map((b) => ({ personId: b.person_id, start: b.starts_at, end: endOf(b) })),
    from,
    durationMinutes: query.durationMinutes,
    count: query.count,
    dayZone: me?.time_zone ?? 'UTC',
    horizonDays: SUGGESTION_DAYS,
  })
  return {
    durationMinutes: query.durationMinutes,
    slots: slots.map((slot) => ({
      startsAt: toIso(slot.start),
      endsAt: toIso(slot.end),
      localTimes: localTimesOf(slot.start, slot.end, members),
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Changing

/** A member schedules a session, or a series at the program's cadence; the others are invited. */
export async function scheduleSession(
  db: Db,
  deps: SessionDeps,
  viewer: Viewer,
  matchId: string,
  input: CreateSessionBody,
  now: Date,
): Promise<CreatedSessions> {
  const body = CreateSessionBodySchema.parse(input)
  const outcome = await inTransaction(db, async (trx) => {
    const match = await memberMatch(trx, viewer, matchId)
    assertWritable(match)
    await lockMatch(trx, viewer.organizationId, matchId)
    const members = await listSessionMembers(trx, viewer.organizationId, matchId)
    const me = members.find((m) => m.person_id === viewer.personId)
    const timeZone = body.timeZone ?? me?.time_zone ?? 'UTC'
    await assertExercisesExist(trx, viewer, body.exerciseIds)
    const program = await findProgramCadence(trx, viewer.organizationId, match.program_id)
    const count = body.repeat?.count ?? 1
    const seriesId = count > 1 ? randomUUID() : null
    const starts = Array.from({ length: count }, (_, index) =>
      toInstant(addLocalDays(body.startsAtLocal, index * program.session_cadence_days), timeZone, 'body.startsAtLocal'),
    )
    await assertNoOverlap(
      trx,
      viewer,
      members,
      starts.map((start) => ({ start, end: sessionEnd(start, body.durationMinutes, 'body.startsAtLocal') })),
    )
    const inserted = await insertSessions(
      trx,
      starts.map((startsAt) => ({
        organization_id: viewer.organizationId,
        match_id: matchId,
        series_id: seriesId,
        organizer_id: viewer.personId,
        starts_at: startsAt,
        duration_minutes: body.durationMinutes,
        time_zone: timeZone,
        location: body.location,
        video_url: body.videoUrl ?? null,
        focus: body.focus,
        exercise_ids: body.exerciseIds,
        agenda: body.agenda,
        ics_uid: `${randomUUID()}@tandem`,
      })),
    )
    await reassignRoles(trx, viewer, match, members, now)
    const ids = new Set(inserted.map((row) => row.id))
    const rows = (await listSessionsOfMatch(trx, viewer.organizationId, matchId)).filter((row) => ids.has(row.id))
    const notices = outgoingFor('scheduled', rows, members, viewer, program.name, deps, now)
    await recordNotifications(trx, viewer.organizationId, notices)
    for (const row of rows) await queueSessionJobs(trx, deps, viewer.organizationId, row, members, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'sessions.scheduled',
      targetType: 'match',
      targetId: matchId,
      details: { sessions: rows.length, seriesId },
    })
    return { sessions: rows.map((row) => toSession(row, members)), notices }
  })
  await sendEmails(db, deps, viewer.organizationId, outcome.notices)
  return { sessions: outcome.sessions }
}

/** A member reschedules a scheduled session or changes its agenda; the invitation's sequence moves on. */
export async function changeSession(
  db: Db,
  deps: SessionDeps,
  viewer: Viewer,
  sessionId: string,
  input: UpdateSessionBody,
  now: Date,
): Promise<Session> {
  const body = UpdateSessionBodySchema.parse(input)
  const outcome = await inTransaction(db, async (trx) => {
    const { session, match } = await visibleSession(trx, viewer, sessionId)
    assertWritable(match)
    await lockMatch(trx, viewer.organizationId, match.id)
    const current = await findSession(trx, viewer.organizationId, sessionId)
    if (!current) throw notFound('Session')
    if (current.status !== 'scheduled') {
      throw new AppError('session_not_scheduled', `This session is ${current.status}: only a scheduled session changes`)
    }
    if (body.exerciseIds) await assertExercisesExist(trx, viewer, body.exerciseIds)
    const startsAt =
      body.startsAtLocal === undefined
        ? current.starts_at
        : toInstant(body.startsAtLocal, body.timeZone ?? current.time_zone, 'body.startsAtLocal')
    const duration = body.durationMinutes ?? current.duration_minutes
    const members = await listSessionMembers(trx, viewer.organizationId, match.id)
    const end = sessionEnd(
      startsAt,
      duration,
      body.startsAtLocal === undefined ? 'body.durationMinutes' : 'body.startsAtLocal',
    )
    const isMoved = startsAt.getTime() !== current.starts_at.getTime() || duration !== current.duration_minutes
    // An unmoved session is not checked again: its own slot never counts, and an agenda edit stays possible.
    if (isMoved) {
      await assertNoOverlap(trx, viewer, members, [{ start: startsAt, end }], sessionId)
    }
    const isInvitationChanged =
      isMoved ||
      (body.location !== undefined && body.location !== current.location) ||
      (body.videoUrl !== undefined && body.videoUrl !== current.video_url)
    await updateSession(
      trx,
      viewer.organizationId,
      sessionId,
      {
        starts_at: startsAt,
        duration_minutes: duration,
        location: body.location ?? current.location,
        video_url: body.videoUrl === undefined ? current.video_url : body.videoUrl,
        focus: body.focus ?? current.focus,
        exercise_ids: body.exerciseIds ?? current.exercise_ids,
        agenda: body.agenda ?? current.agenda,
        ics_sequence: current.ics_sequence + 1,
      },
      now,
    )
    await reassignRoles(trx, viewer, match, members, now)
    const row = await findSession(trx, viewer.organizationId, sessionId)
    if (!row) throw notFound('Session')
    let notices: NotificationToSend[] = []
    if (isInvitationChanged) {
      const program = await findProgramCadence(trx, viewer.organizationId, match.program_id)
      notices = outgoingFor('rescheduled', [row], members, viewer, program.name, deps, now)
      await recordNotifications(trx, viewer.organizationId, notices)
    }
    if (isMoved) {
      // The jobs of the old time find the session moved and skip; the new time gets its own.
      await queueSessionJobs(trx, deps, viewer.organizationId, row, members, now)
    }
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'sessions.changed',
      targetType: 'coaching_session',
      targetId: session.id,
      details: { matchId: match.id, rescheduled: isInvitationChanged },
    })
    return { session: toSession(row, members), notices }
  })
  await sendEmails(db, deps, viewer.organizationId, outcome.notices)
  return outcome.session
}

/** A member cancels a scheduled session; the others get the cancelled invitation. */
export async function cancelSession(
  db: Db,
  deps: SessionDeps,
  viewer: Viewer,
  sessionId: string,
  input: CancelSessionBody,
  now: Date,
): Promise<Session> {
  const body = CancelSessionBodySchema.parse(input)
  const outcome = await inTransaction(db, async (trx) => {
    const { match } = await visibleSession(trx, viewer, sessionId)
    assertWritable(match)
    await lockMatch(trx, viewer.organizationId, match.id)
    const current = await findSession(trx, viewer.organizationId, sessionId)
    if (!current) throw notFound('Session')
    if (current.status !== 'scheduled') {
      throw new AppError(
        'session_not_scheduled',
        `This session is ${current.status}: only a scheduled session is cancelled`,
      )
    }
    await updateSession(
      trx,
      viewer.organizationId,
      sessionId,
      {
        status: 'cancelled',
        cancel_reason: body.reason || null,
        status_changed_at: now,
        ics_sequence: current.ics_sequence + 1,
      },
      now,
    )
    const members = await listSessionMembers(trx, viewer.organizationId, match.id)
    await reassignRoles(trx, viewer, match, members, now)
    const row = await findSession(trx, viewer.organizationId, sessionId)
    if (!row) throw notFound('Session')
    const program = await findProgramCadence(trx, viewer.organizationId, match.program_id)
    const notices = outgoingFor('cancelled', [row], members, viewer, program.name, deps, now)
    await recordNotifications(trx, viewer.organizationId, notices)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'sessions.cancelled',
      targetType: 'coaching_session',
      targetId: sessionId,
      details: { matchId: match.id },
    })
    return { session: toSession(row, members), notices }
  })
  await sendEmails(db, deps, viewer.organizationId, outcome.notices)
  return outcome.session
}

/**
 * A match ended (completed, or ended early): its scheduled sessions still to come are cancelled, and
 * every member, the one who ended it too, gets the cancellation in the app and by email with the .ics
 * that takes each session out of their calendar (reminders skip cancelled sessions). In the caller's
 * transaction; returns how many sessions were cancelled.
 */
export async function cancelSessionsOfEndedMatch(
  trx: Db,
  deps: NotifyDeps,
  organizationId: string,
  match: { id: string; programName: string; ending: 'completed' | 'ended' },
  now: Date,
): Promise<number> {
  const reason = match.ending === 'completed' ? 'the match was completed' : 'the match ended'
  const rows = await cancelFutureSessionsOfMatch(trx, organizationId, match.id, `Cancelled because ${reason}.`, now)
  if (rows.length === 0) return 0
  const members = await listSessionMembers(trx, organizationId, match.id)
  const link = workspacePath(match.id, 'sessions')
  const sessions = rows.length > 1 ? `${rows.length} coaching sessions` : 'a coaching session'
  const title = `${rows.length > 1 ? 'Your coming coaching sessions are' : 'Your coming coaching session is'} cancelled: ${reason}`
  const notices: NotificationToSend[] = members.map((member) => {
    const when = rows.map((row) => `- ${describeTime(row, member, members)}`).join('\n')
    const text = [
      `Because ${reason} in "${match.programName}", ${sessions} still to come ${rows.length > 1 ? 'are' : 'is'} cancelled:`,
      when,
      `The attached ${rows.length > 1 ? 'invitations remove them' : 'invitation removes it'} from your calendar, and no reminders will come for ${rows.length > 1 ? 'them' : 'it'}.`,
      `Open your workspace: ${deps.publicUrl}${link}`,
    ].join('\n\n')
    return {
      personId: member.person_id,
      kind: 'session_cancelled',
      title,
      body: `${rows.length > 1 ? 'From' : 'On'} ${describeTime(rows[0], member, members)}.`,
      link,
      email: { to: member.email, subject: title, text, ...calendarFiles(rows, members, match.programName, deps, now) },
    }
  })
  await deliverNotifications(trx, deps, organizationId, notices)
  return rows.length
}

/** Once its start has passed, a member records whether the session was held or missed. */
export async function recordSessionStatus(
  db: Db,
  viewer: Viewer,
  sessionId: string,
  input: SessionStatusBody,
  now: Date,
): Promise<Session> {
  const body = SessionStatusBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const { match } = await visibleSession(trx, viewer, sessionId)
    assertWritable(match)
    await lockMatch(trx, viewer.organizationId, match.id)
    const current = await findSession(trx, viewer.organizationId, sessionId)
    if (!current) throw notFound('Session')
    if (current.status === 'cancelled') {
      throw new AppError('session_cancelled', 'This session was cancelled: it cannot be marked held or missed')
    }
    if (current.starts_at > now) {
      throw new AppError(
        'session_not_started',
        `This session starts at ${toIso(current.starts_at)}: mark it held or missed once it has started`,
      )
    }
    if (current.status !== body.status) {
      await updateSession(trx, viewer.organizationId, sessionId, { status: body.status, status_changed_at: now }, now)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: `sessions.${body.status}`,
        targetType: 'coaching_session',
        targetId: sessionId,
        details: { matchId: match.id },
      })
      if (body.status === 'held') {
        await emitWebhookEvents(trx, viewer.organizationId, now, [
          webhookEvents.sessionHeld({
            sessionId,
            matchId: match.id,
            programId: match.program_id,
            startsAt: current.starts_at,
            durationMinutes: current.duration_minutes,
          }),
        ])
      }
    }
    const members = await listSessionMembers(trx, viewer.organizationId, match.id)
    const row = await findSession(trx, viewer.organizationId, sessionId)
    if (!row) throw notFound('Session')
    return toSession(row, members)
  })
}
