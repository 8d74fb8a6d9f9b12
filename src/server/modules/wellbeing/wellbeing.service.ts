import type {
  CheckIn,
  CreateCheckInBody,
  CreateSupportRequestBody,
  MatchCheckInState,
  MyWellbeing,
  SupportRequest,
  SupportRequestList,
  SupportRequestResult,
} from '#contracts/wellbeing.ts'
import { CreateCheckInBodySchema, CreateSupportRequestBodySchema } from '#contracts/wellbeing.ts'
import type { Db } from '#server/db/connect.ts'
import type { SupportRequestRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import {
  emailNotifications,
  type NotificationToSend,
  type NotifyDeps,
  recordNotifications,
} from '#server/modules/notifications/notifications.service.ts'
import { findActivePersonCard, listActiveProgramManagers } from '#server/modules/people/people.service.ts'
import { findMatchSession, listMatchSessions } from '#server/modules/sessions/sessions.service.ts'
import { memberMatch } from '#server/modules/workspaces/workspaces.service.ts'
import {
  type CheckInRow,
  findCheckIn,
  findProgramContacts,
  insertCheckIn,
  insertSupportRequest,
  listCheckInsOfPerson,
  listSupportRequestsOfPerson,
} from './wellbeing.repository.ts'
import { sessionDeltas, weeklyAverages } from './wellbeing-trend.ts'

// Privacy: every read here is keyed by viewer.personId. No route of this module takes another
// person's id, so nobody (partner, program manager, admin) can read someone else's check-ins.

/** The trend looks at the last year or so of check-ins; a person rarely has more. */
const TREND_LIMIT = 500

function toCheckIn(row: CheckInRow): CheckIn {
  return {
    id: row.id,
    matchId: row.match_id,
    sessionId: row.session_id,
    sessionStartsAt: toIso(row.session_starts_at),
    moment: row.moment,
    mood: row.mood,
    stress: row.stress,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  }
}

function toSupportRequest(row: SupportRequestRow): SupportRequest {
  return {
    id: row.id,
    matchId: row.match_id,
    message: row.message,
    consentedAt: row.consented_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  }
}

/** A member checks in on their mood and stress: before or after one of the match's sessions (once each), or anytime. */
export async function recordCheckIn(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: CreateCheckInBody,
): Promise<CheckIn> {
  const body = CreateCheckInBodySchema.parse(input)
  const match = await memberMatch(db, viewer, matchId)
  if (body.sessionId) {
    const session = await findMatchSession(db, viewer.organizationId, match.id, body.sessionId)
    if (!session) throw notFound('Session')
    if (session.status === 'cancelled') {
      throw new AppError('checkin_session_cancelled', 'This session was cancelled: check in for another one')
    }
  }
  const inserted = await insertCheckIn(db, viewer.organizationId, {
    personId: viewer.personId,
    matchId: match.id,
    sessionId: body.sessionId ?? null,
    moment: body.moment,
    mood: body.mood,
    stress: body.stress,
    note: body.note,
  })
  if (!inserted) {
    throw new AppError('already_checked_in', `You already checked in ${body.moment} this session`)
  }
  const row = await findCheckIn(db, viewer.organizationId, viewer.personId, inserted.id)
  if (!row) throw notFound('Check-in')
  return toCheckIn(row)
}

/** My own check-in state in a match: whether I checked in before and after each session, and my latest. */
export async function getMyMatchCheckIns(db: Db, viewer: Viewer, matchId: string): Promise<MatchCheckInState> {
  const match = await memberMatch(db, viewer, matchId)
  const [sessions, rows] = await Promise.all([
    listMatchSessions(db, viewer.organizationId, match.id),
    listCheckInsOfPerson(db, viewer.organizationId, viewer.personId, { matchId: match.id, limit: TREND_LIMIT }),
  ])
  const has = (sessionId: string, moment: 'before' | 'after') =>
    rows.some((r) => r.session_id === sessionId && r.moment === moment)
  return {
    matchId: match.id,
    sessions: sessions.map((s) => ({
      sessionId: s.id,
      startsAt: s.starts_at.toISOString(),
      status: s.status,
      hasBefore: has(s.id, 'before'),
      hasAfter: has(s.id, 'after'),
    })),
    latest: rows[0] ? toCheckIn(rows[0]) : null,
  }
}

/** My check-ins across my matches and my trend: weekly averages and how each session moved me. */
export async function getMyWellbeing(db: Db, viewer: Viewer): Promise<MyWellbeing> {
  const rows = await listCheckInsOfPerson(db, viewer.organizationId, viewer.personId, { limit: TREND_LIMIT })
  const checkIns = rows.map(toCheckIn)
  const trend = rows.map((r) => ({
    matchId: r.match_id,
    sessionId: r.session_id,
    sessionStartsAt: toIso(r.session_starts_at),
    moment: r.moment,
    mood: r.mood,
    stress: r.stress,
    createdAt: r.created_at,
  }))
  return { checkIns, weekly: weeklyAverages(trend), sessionDeltas: sessionDeltas(trend) }
}

interface SupportRecipient {
  id: string
  name: string
  email: string
}

/**
 * Who a support request reaches: the program's support contact when it names an active one; else the
 * program's creator while they still manage programs; else every active program manager and admin.
 * The requester is never their own recipient.
 */
async function supportRecipients(
  db: Db,
  viewer: Viewer,
  programId: string,
): Promise<{
  recipients: SupportRecipient[]
  contactId: string | null
  isSupportContact: boolean
  programName: string
}> {
  const program = await findProgramContacts(db, viewer.organizationId, programId)
  if (!program) throw notFound('Program')
  const usable = async (personId: string | null, mustManage: boolean) => {
    if (!personId || personId === viewer.personId) return null
    const person = await findActivePersonCard(db, viewer.organizationId, personId)
    if (!person || (mustManage && person.role === 'participant')) return null
    return person
  }
  const contact = await usable(program.support_contact_id, false)
  if (contact)
    return { recipients: [contact], contactId: contact.id, isSupportContact: true, programName: program.name }
  const creator = await usable(program.created_by, true)
  if (creator)
    return { recipients: [creator], contactId: creator.id, isSupportContact: false, programName: program.name }
  const managers = (await listActiveProgramManagers(db, viewer.organizationId)).filter((m) => m.id !== viewer.personId)
  return { recipients: managers, contactId: null, isSupportContact: false, programName: program.name }
}

/** Who my support request would reach (named before I consent) and my past requests in this match. */
export async function listMySupportRequests(db: Db, viewer: Viewer, matchId: string): Promise<SupportRequestList> {
  const match = await memberMatch(db, viewer, matchId)
  const { recipients, isSupportContact } = await supportRecipients(db, viewer, match.program_id)
  const rows = await listSupportRequestsOfPerson(db, viewer.organizationId, viewer.personId, match.id)
  return {
    recipients: recipients.map((r) => ({ name: r.name })),
    isSupportContact,
    requests: rows.map(toSupportRequest),
  }
}

/**
 * "I'd like support": only with consent does the message the member wrote, and who sent it, reach the
 * program's support contact (in-app and by email). Without consent nothing is stored or sent.
 * Check-ins never travel with it.
 */
export async function requestSupport(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  matchId: string,
  input: CreateSupportRequestBody,
  now: Date,
): Promise<SupportRequestResult> {
  const body = CreateSupportRequestBodySchema.parse(input)
  const match = await memberMatch(db, viewer, matchId)
  if (body.consent !== true) {
    throw new AppError(
      'support_consent_required',
      'Tick the consent box to send your message: without your consent nothing is stored or sent',
    )
  }
  const outcome = await inTransaction(db, async (trx) => {
    const { recipients, contactId, programName } = await supportRecipients(trx, viewer, match.program_id)
    const row = await insertSupportRequest(
      trx,
      viewer.organizationId,
      {
        personId: viewer.personId,
        programId: match.program_id,
        matchId: match.id,
        contactId,
        message: body.message,
      },
      now,
    )
    const notices: NotificationToSend[] = recipients.map((r) => ({
      personId: r.id,
      kind: 'support_requested',
      title: `${viewer.name} would like support`,
      body: `${viewer.name} (${viewer.email}) asked for support in "${programName}":\n\n${body.message}`,
      link: null,
      email: {
        to: r.email,
        subject: `${viewer.name} would like support (${programName})`,
        text: [
          `${viewer.name} (${viewer.email}) asked for support in the program "${programName}".`,
          'They chose to send you this message:',
          '',
          body.message,
          '',
          `Reply to ${viewer.name} directly at ${viewer.email}. They sent it with their consent; please keep it confidential.`,
        ].join('\n'),
      },
    }))
    await recordNotifications(trx, viewer.organizationId, notices)
    return { row, notices, recipients }
  })
  await emailNotifications(db, deps, viewer.organizationId, outcome.notices)
  return { ...toSupportRequest(outcome.row), recipients: outcome.recipients.map((r) => ({ name: r.name })) }
}
