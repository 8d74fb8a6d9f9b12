import type { Db } from '#server/db/connect.ts'
import type { MatchSurveyKind, RepairRequestStatus } from '#server/db/schema.ts'

export function findMatchEnd(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('matches as m')
    .innerJoin('programs as p', 'p.id', 'm.program_id')
    .select([
      'm.id',
      'm.status',
      'm.ended_at',
      'm.program_id',
      'p.status as program_status',
      'p.focus_skills',
      'p.name as program_name',
    ])
    .where('m.organization_id', '=', organizationId)
    .where('p.organization_id', '=', organizationId)
    .where('m.id', '=', matchId)
    .executeTakeFirst()
}

/** Locks the match row for a status change (complete, dissolve) so two members cannot race. */
export function lockMatchRow(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('matches')
    .select(['id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', matchId)
    .forUpdate()
    .executeTakeFirst()
}

export function updateMatchEnd(
  db: Db,
  organizationId: string,
  matchId: string,
  values: { status: 'completed' | 'dissolved'; endReason: string },
  now: Date,
) {
  return db
    .updateTable('matches')
    .set({ status: values.status, ended_at: now, end_reason: values.endReason, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', matchId)
    .execute()
}

export function findSurvey(db: Db, organizationId: string, matchId: string, personId: string, kind: MatchSurveyKind) {
  return db
    .selectFrom('match_surveys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .executeTakeFirst()
}

/** Undefined when the person already answered this kind of survey for the match. */
export function insertSurvey(
  db: Db,
  organizationId: string,
  values: { matchId: string; personId: string; kind: MatchSurveyKind; answers: unknown },
) {
  return db
    .insertInto('match_surveys')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      person_id: values.personId,
      kind: values.kind,
      answers: JSON.stringify(values.answers),
    })
    .onConflict((oc) => oc.constraint('match_surveys_once').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function findLatestRepairRequestOf(db: Db, organizationId: string, matchId: string, personId: string) {
  return db
    .selectFrom('repair_requests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Undefined when the person already has an open request for the match (the partial unique index). */
export function insertRepairRequest(
  db: Db,
  organizationId: string,
  values: { matchId: string; personId: string; reason: string },
) {
  return db
    .insertInto('repair_requests')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      person_id: values.personId,
      reason: values.reason,
    })
    .onConflict((oc) => oc.columns(['match_id', 'person_id']).where('status', '=', 'open').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function findRepairRequest(db: Db, organizationId: string, requestId: string) {
  return db
    .selectFrom('repair_requests as r')
    .innerJoin('matches as m', 'm.id', 'r.match_id')
    .selectAll('r')
    .select(['m.program_id'])
    .where('r.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('r.id', '=', requestId)
    .executeTakeFirst()
}

/** Changes an open request only; undefined when it was no longer open. */
export function closeRepairRequest(
  db: Db,
  organizationId: string,
  requestId: string,
  values: { status: Exclude<RepairRequestStatus, 'open'>; resolvedBy: string | null },
  now: Date,
) {
  return db
    .updateTable('repair_requests')
    .set({ status: values.status, resolved_by: values.resolvedBy, resolved_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', requestId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst()
}

/** Re-pair requests of a program's matches, with who asked and who resolved (program managers only). */
export function listRepairRequestsOfProgram(
  db: Db,
  organizationId: string,
  programId: string,
  statuses: RepairRequestStatus[],
) {
  return db
    .selectFrom('repair_requests as r')
    .innerJoin('matches as m', 'm.id', 'r.match_id')
    .innerJoin('people as requester', 'requester.id', 'r.person_id')
    .leftJoin('people as resolver', 'resolver.id', 'r.resolved_by')
    .selectAll('r')
    .select(['m.program_id', 'requester.name as requester_name', 'resolver.name as resolver_name'])
    .where('r.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', '=', programId)
    .where('r.status', 'in', statuses)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()
}

export type RepairRequestListRow = Awaited<ReturnType<typeof listRepairRequestsOfProgram>>[number]

/** Records that a member agreed to complete the match (the first agreement stands); false when they already had. */
export async function agreeToCompletion(db: Db, organizationId: string, matchId: string, personId: string, now: Date) {
  const result = await db
    .updateTable('match_members')
    .set({ completion_agreed_at: now })
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .where('completion_agreed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Every member of the match with their name and when they agreed to complete it (null: not yet). */
export function listCompletionAgreements(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select(['mm.person_id', 'p.name', 'mm.completion_agreed_at'])
    .where('mm.organization_id', '=', organizationId)
    .where('mm.match_id', '=', matchId)
    .orderBy('p.name')
    .orderBy('mm.person_id')
    .execute()
}

/**
 * Closes every open re-pair request of a match that ended, with the note the requester reads;
 * returns the closed requests (who asked).
 */
export function closeOpenRepairRequestsOfMatch(
  db: Db,
  organizationId: string,
  matchId: string,
  values: { resolvedBy: string | null; note: string },
  now: Date,
) {
  return db
    .updateTable('repair_requests')
    .set({ status: 'resolved', resolved_by: values.resolvedBy, resolved_at: now, resolution_note: values.note })
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('status', '=', 'open')
    .returning(['id', 'person_id'])
    .execute()
}
