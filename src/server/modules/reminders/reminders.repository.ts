import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** A session with what its reminders need: the match's and the program's state and names. */
export function findSessionForReminder(db: Db, organizationId: string, sessionId: string) {
  return db
    .selectFrom('coaching_sessions as s')
    .innerJoin('matches as m', 'm.id', 's.match_id')
    .innerJoin('programs as p', 'p.id', 'm.program_id')
    .select([
      's.id',
      's.match_id',
      's.starts_at',
      's.duration_minutes',
      's.status',
      's.location',
      's.video_url',
      's.focus',
      'm.status as match_status',
      'p.name as program_name',
    ])
    .where('s.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('s.id', '=', sessionId)
    .executeTakeFirst()
}

/** The match's members who can still receive notifications (active people), with their zone. */
export function listReachableMembers(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select(['mm.person_id', 'p.name', 'p.email', 'p.time_zone', 'p.locale'])
    .where('mm.organization_id', '=', organizationId)
    .where('p.organization_id', '=', organizationId)
    .where('mm.match_id', '=', matchId)
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .orderBy('mm.person_id')
    .execute()
}

/** Who gave feedback to whom for a session. */
export function listFeedbackPairsOfSession(db: Db, organizationId: string, sessionId: string) {
  return db
    .selectFrom('feedback')
    .select(['giver_id', 'receiver_id'])
    .where('organization_id', '=', organizationId)
    .where('session_id', '=', sessionId)
    .execute()
}

/** The people who answered a survey of the match. */
export async function listSurveyRespondents(
  db: Db,
  organizationId: string,
  matchId: string,
  kind: 'fit' | 'closing',
): Promise<string[]> {
  const rows = await db
    .selectFrom('match_surveys')
    .select('person_id')
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('kind', '=', kind)
    .execute()
  return rows.map((row) => row.person_id)
}

/**
 * Every active match of an active program (all organizations) with the start of its latest held or
 * scheduled session (a future one when it has one).
 */
export function listActiveMatchesWithLastSession(db: Db) {
  return db
    .selectFrom('matches as m')
    .innerJoin('programs as p', (join) =>
      join.onRef('p.id', '=', 'm.program_id').onRef('p.organization_id', '=', 'm.organization_id'),
    )
    .select([
      'm.id as match_id',
      'm.organization_id',
      'm.program_id',
      'p.name as program_name',
      'p.session_cadence_days',
      'm.published_at',
      'm.created_at',
      sql<Date | null>`(select max(s.starts_at) from coaching_sessions s
        where s.match_id = m.id and s.organization_id = m.organization_id and s.status in ('held', 'scheduled'))`.as(
        'last_session_at',
      ),
    ])
    .where('m.status', '=', 'active')
    .where('p.status', '=', 'active')
    .orderBy('m.organization_id')
    .orderBy('m.id')
    .execute()
}

/** Every active program (all organizations). */
export function listActivePrograms(db: Db) {
  return db
    .selectFrom('programs')
    .select(['id', 'organization_id', 'name'])
    .where('status', '=', 'active')
    .orderBy('organization_id')
    .orderBy('name')
    .execute()
}
