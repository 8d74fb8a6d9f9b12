import { type Insertable, sql, type Updateable } from 'kysely'
import { MINUTE } from '#contracts/durations.ts'
import type { Db } from '#server/db/connect.ts'
import type { CoachingSessionsTable, MatchStatus } from '#server/db/schema.ts'

/** The match's members with what scheduling needs: email, zone, working hours (in a stable order). */
/** The members of these matches with what sessions need (zone, working hours), each with its match id. */
export function listSessionMembersOfMatches(db: Db, organizationId: string, matchIds: readonly string[]) {
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select([
      'mm.match_id',
      'mm.person_id',
      'mm.role',
      'p.name',
      'p.email',
      'p.time_zone',
      'p.locale',
      'p.working_hours_start',
      'p.working_hours_end',
      'p.working_days',
    ])
    .where('mm.organization_id', '=', organizationId)
    .where('p.organization_id', '=', organizationId)
    .where('mm.match_id', 'in', matchIds)
    .orderBy('p.name')
    .orderBy('mm.person_id')
    .execute()
}

export function listSessionMembers(db: Db, organizationId: string, matchId: string) {
  return listSessionMembersOfMatches(db, organizationId, [matchId])
}

export type SessionMemberRow = Awaited<ReturnType<typeof listSessionMembers>>[number]

export function findProgramCadence(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('programs')
    .select(['session_cadence_days', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .executeTakeFirstOrThrow()
}

export function findSession(db: Db, organizationId: string, sessionId: string) {
  return db
    .selectFrom('coaching_sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .executeTakeFirst()
}

/** A match's sessions in start order (ties: creation order). */
export function listSessionsOfMatch(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('coaching_sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .orderBy('starts_at')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** One session of this match (undefined for another match's or another organization's). */
export function findSessionOfMatch(db: Db, organizationId: string, matchId: string, sessionId: string) {
  return db
    .selectFrom('coaching_sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('id', '=', sessionId)
    .executeTakeFirst()
}

/** A match's sessions that have taken place or begun: held, or scheduled and started by `now` (latest first). */
export function listStartedSessionsOfMatch(db: Db, organizationId: string, matchId: string, now: Date) {
  return db
    .selectFrom('coaching_sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where((eb) =>
      eb.or([eb('status', '=', 'held'), eb.and([eb('status', '=', 'scheduled'), eb('starts_at', '<=', now)])]),
    )
    .orderBy('starts_at', 'desc')
    .execute()
}

/** Serializes changes to one match's sessions (roles follow one another). */
export function lockMatch(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('matches')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', matchId)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Serializes session changes that involve any of these people, whatever their match: two bookings
 * of one person wait for each other, so the second sees the first. Rows are locked in id order (no
 * deadlock between two such locks); FOR NO KEY UPDATE still lets other rows reference these people.
 */
export function lockPeople(db: Db, organizationId: string, personIds: readonly string[]) {
  return db
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', personIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
}

export interface TimeSpan {
  start: Date
  end: Date
}

/**
 * Sessions (not cancelled) of these people, in any of their matches, overlapping any of the spans
 * [start, end): a session ending when another starts does not overlap it. `exceptSessionId` is the
 * session being moved. Each row names the person it keeps busy; soonest first.
 */
export function listOverlappingSessions(
  db: Db,
  organizationId: string,
  personIds: readonly string[],
  spans: readonly TimeSpan[],
  exceptSessionId: string | null = null,
) {
  let query = db
    .selectFrom('coaching_sessions as s')
    .innerJoin('match_members as mm', 'mm.match_id', 's.match_id')
    .select(['mm.person_id', 's.id', 's.match_id', 's.starts_at', 's.duration_minutes'])
    .where('s.organization_id', '=', organizationId)
    .where('mm.organization_id', '=', organizationId)
    .where('mm.person_id', 'in', personIds)
    .where('s.status', '<>', 'cancelled')
    .where((eb) =>
      eb.or(
        spans.map((span) =>
          eb.and([
            eb('s.starts_at', '<', span.end),
            eb(sql<Date>`s.starts_at + s.duration_minutes * interval '1 minute'`, '>', span.start),
          ]),
        ),
      ),
    )
  if (exceptSessionId) query = query.where('s.id', '<>', exceptSessionId)
  return query.orderBy('s.starts_at').orderBy('s.id').orderBy('mm.person_id').execute()
}

export type OverlappingSessionRow = Awaited<ReturnType<typeof listOverlappingSessions>>[number]

export function insertSessions(db: Db, rows: Insertable<CoachingSessionsTable>[]) {
  return db.insertInto('coaching_sessions').values(rows).returningAll().execute()
}

export function updateSession(
  db: Db,
  organizationId: string,
  sessionId: string,
  values: Updateable<CoachingSessionsTable>,
  now: Date,
) {
  return db
    .updateTable('coaching_sessions')
    .set({ ...values, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Scheduled sessions of these people in any of their matches that overlap [from, to): what the
 * suggestions must avoid.
 */
export function listBusySessions(db: Db, organizationId: string, personIds: string[], from: Date, to: Date) {
  return (
    db
      .selectFrom('coaching_sessions as s')
      .innerJoin('match_members as mm', 'mm.match_id', 's.match_id')
      .select(['mm.person_id', 's.starts_at', 's.duration_minutes'])
      .where('s.organization_id', '=', organizationId)
      .where('mm.organization_id', '=', organizationId)
      .where('mm.person_id', 'in', personIds)
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '<', to)
      // No session lasts longer than the schema's 480 minutes.
      .where('s.starts_at', '>', new Date(from.getTime() - 480 * MINUTE))
      .execute()
  )
}

/**
 * A person's scheduled sessions that end after `now`, in their matches of these statuses: the
 * query behind "my upcoming sessions". Only matches the person is a member of.
 */
function upcomingSessionsOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  matchStatuses: readonly MatchStatus[],
  now: Date,
) {
  return db
    .selectFrom('coaching_sessions as s')
    .innerJoin('match_members as mm', 'mm.match_id', 's.match_id')
    .innerJoin('matches as m', 'm.id', 's.match_id')
    .innerJoin('programs as pr', 'pr.id', 'm.program_id')
    .where('s.organization_id', '=', organizationId)
    .where('mm.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('pr.organization_id', '=', organizationId)
    .where('mm.person_id', '=', personId)
    .where('m.status', 'in', [...matchStatuses])
    .where('s.status', '=', 'scheduled')
    .where(sql<boolean>`s.starts_at + s.duration_minutes * interval '1 minute' > ${now}`)
}

/** The first `limit` of them, soonest first (ties: creation order), with their program's name. */
export function listUpcomingSessionsOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  matchStatuses: readonly MatchStatus[],
  now: Date,
  limit: number,
) {
  return upcomingSessionsOfPerson(db, organizationId, personId, matchStatuses, now)
    .selectAll('s')
    .select('pr.name as program_name')
    .orderBy('s.starts_at')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .limit(limit)
    .execute()
}

export async function countUpcomingSessionsOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  matchStatuses: readonly MatchStatus[],
  now: Date,
): Promise<number> {
  const row = await upcomingSessionsOfPerson(db, organizationId, personId, matchStatuses, now)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Cancels every scheduled session of a match that starts after `now`; returns them as cancelled. */
export function cancelFutureSessionsOfMatch(
  db: Db,
  organizationId: string,
  matchId: string,
  reason: string,
  now: Date,
) {
  return db
    .updateTable('coaching_sessions')
    .set((eb) => ({
      status: 'cancelled',
      cancel_reason: reason,
      status_changed_at: now,
      ics_sequence: eb('ics_sequence', '+', 1),
      updated_at: now,
    }))
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .returningAll()
    .execute()
}
