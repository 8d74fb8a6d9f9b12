import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/**
 * The dashboard's SQL: numbers, statuses and names only. Reflections, session notes, check-in notes,
 * feedback text, survey comments and re-pair reasons are never selected.
 */

const PAST_PROPOSAL = ['published', 'active', 'completed', 'dissolved', 'declined'] as const

/** Everyone of the organization, for eligibility, names and departments. */
export function listPeople(db: Db, organizationId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'department', 'status'])
    .where('organization_id', '=', organizationId)
    .execute()
}

export function listEnrollments(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('enrollments')
    .select(['program_id', 'person_id', 'status', 'self_assessment'])
    .where('organization_id', '=', organizationId)
    .where('program_id', 'in', programIds)
    .execute()
}

/** Matches past proposal: what participants were ever shown. */
export function listMatches(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('matches')
    .select(['id', 'program_id', 'status', 'published_at'])
    .where('organization_id', '=', organizationId)
    .where('program_id', 'in', programIds)
    .where('status', 'in', PAST_PROPOSAL)
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute()
}

function ofMatches(db: Db, organizationId: string, programIds: string[]) {
  return db
    .selectFrom('matches as m')
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', 'in', programIds)
    .where('m.status', 'in', PAST_PROPOSAL)
    .where('m.published_at', 'is not', null)
}

export function listMembers(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('match_members as mm', (join) =>
      join.onRef('mm.match_id', '=', 'm.id').on('mm.organization_id', '=', organizationId),
    )
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'mm.person_id').on('p.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'mm.match_id', 'mm.person_id', 'mm.response', 'p.name', 'p.department'])
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
}

export function listSessions(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('coaching_sessions as s', (join) =>
      join.onRef('s.match_id', '=', 'm.id').on('s.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 's.match_id', 's.status', 's.starts_at', 's.coach_id'])
    .execute()
}

export function listGoals(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('goals as g', (join) =>
      join.onRef('g.match_id', '=', 'm.id').on('g.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'g.match_id', 'g.owner_id', 'g.status', 'g.progress'])
    .execute()
}

/** Ratings only: the five text fields of feedback stay with its giver and receiver. */
export function listFeedbackRatings(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('feedback as f', (join) =>
      join.onRef('f.match_id', '=', 'm.id').on('f.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'f.giver_id', 'f.rating_listening', 'f.rating_questions', 'f.rating_helpfulness'])
    .execute()
}

/** Mood and stress only: a check-in's note is private to the person. */
export function listCheckIns(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('wellbeing_checkins as w', (join) =>
      join.onRef('w.match_id', '=', 'm.id').on('w.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'w.person_id', 'w.mood', 'w.stress', 'w.created_at'])
    .execute()
}

/** The numeric answers of pairing-fit and closing surveys (never the comment). */
export function listSurveyNumbers(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('match_surveys as s', (join) =>
      join.onRef('s.match_id', '=', 'm.id').on('s.organization_id', '=', organizationId),
    )
    .select([
      'm.program_id',
      's.match_id',
      's.person_id',
      's.kind',
      sql<string | null>`s.answers->>'fit'`.as('fit'),
      sql<string | null>`s.answers->>'keepPairing'`.as('keep_pairing'),
      sql<string | null>`s.answers->>'satisfaction'`.as('satisfaction'),
      sql<string | null>`s.answers->>'wouldRecommend'`.as('would_recommend'),
      sql<unknown>`s.answers->'selfAssessment'`.as('self_assessment'),
    ])
    .where('s.kind', 'in', ['fit', 'closing'])
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute()
}

/** Which matches have an open re-pair request (the reason stays on the Follow-up tab). */
export function listOpenRepairRequests(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return ofMatches(db, organizationId, programIds)
    .innerJoin('repair_requests as r', (join) =>
      join.onRef('r.match_id', '=', 'm.id').on('r.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'r.match_id'])
    .where('r.status', '=', 'open')
    .execute()
}

export function listThemes(db: Db, organizationId: string) {
  return db
    .selectFrom('themes')
    .select(['id', 'name', 'description'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

// ---- one match (the program manager's match page) ----------------------------------------------

/** A match of the program that its members were shown (past proposal), or undefined. */
export function findShownMatch(db: Db, organizationId: string, programId: string, matchId: string) {
  return db
    .selectFrom('matches')
    .select(['id', 'status', 'published_at', 'ended_at'])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('id', '=', matchId)
    .where('status', 'in', PAST_PROPOSAL)
    .where('published_at', 'is not', null)
    .executeTakeFirst()
}

/** The members of one match with their role, response and address (never the reason they gave for declining). */
export function listMatchMemberDetails(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'mm.person_id').on('p.organization_id', '=', organizationId),
    )
    .select([
      'mm.person_id',
      'mm.role',
      'mm.response',
      'mm.responded_at',
      'p.name',
      'p.email',
      'p.department',
      'p.status',
    ])
    .where('mm.organization_id', '=', organizationId)
    .where('mm.match_id', '=', matchId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
}

/** When the oldest open re-pair request of a match was made (the reason stays on the Follow-up tab). */
export async function findOpenRepairRequestDate(db: Db, organizationId: string, matchId: string) {
  const row = await db
    .selectFrom('repair_requests')
    .select((eb) => eb.fn.min('created_at').as('opened_at'))
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return row?.opened_at ?? null
}

/** The sessions of one match (statuses and times only), for its health page. */
export function listMatchSessions(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('coaching_sessions')
    .select(['match_id', 'status', 'starts_at', 'coach_id'])
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .execute()
}

/** The goals of one match (status and progress only), for its health page. */
export function listMatchGoals(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('goals')
    .select(['match_id', 'owner_id', 'status', 'progress'])
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .execute()
}

/** The pairing-fit answers of one match, numbers only (never the comment). */
export function listMatchFitAnswers(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('match_surveys as s')
    .select([
      's.match_id',
      's.person_id',
      sql<string | null>`s.answers->>'fit'`.as('fit'),
      sql<string | null>`s.answers->>'keepPairing'`.as('keep_pairing'),
    ])
    .where('s.organization_id', '=', organizationId)
    .where('s.match_id', '=', matchId)
    .where('s.kind', '=', 'fit')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute()
}
