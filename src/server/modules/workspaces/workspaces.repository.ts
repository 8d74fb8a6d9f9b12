import type { Db } from '#server/db/connect.ts'
import type { GoalStatus, GoalUpdateKind, MatchStatus } from '#server/db/schema.ts'

/** The match as seen through one member's membership: nothing when the person is not in it. */
export function findMatchOfMember(db: Db, organizationId: string, matchId: string, personId: string) {
  return db
    .selectFrom('matches as m')
    .innerJoin('match_members as me', (join) =>
      join.onRef('me.match_id', '=', 'm.id').on('me.person_id', '=', personId),
    )
    .innerJoin('programs as p', 'p.id', 'm.program_id')
    .leftJoin('enrollments as e', (join) =>
      join
        .onRef('e.program_id', '=', 'm.program_id')
        .on('e.person_id', '=', personId)
        .on('e.organization_id', '=', organizationId),
    )
    .select([
      'm.id',
      'm.status',
      'm.published_at',
      'm.program_id',
      'me.role as my_role',
      'p.name as program_name',
      'p.type as program_type',
      'p.confidentiality_terms',
      'e.consented_at',
      'e.enrolled_by',
    ])
    .where('m.organization_id', '=', organizationId)
    .where('me.organization_id', '=', organizationId)
    .where('p.organization_id', '=', organizationId)
    .where('m.id', '=', matchId)
    .executeTakeFirst()
}

export type MemberMatchRow = NonNullable<Awaited<ReturnType<typeof findMatchOfMember>>>

/** The members of these matches with their names and contact (by name). */
export function listMembers(db: Db, organizationId: string, matchIds: readonly string[]) {
  if (matchIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select(['mm.match_id', 'mm.person_id', 'mm.role', 'p.name', 'p.email', 'p.title', 'p.department', 'p.time_zone'])
    .where('mm.organization_id', '=', organizationId)
    .where('mm.match_id', 'in', matchIds)
    .orderBy('p.name')
    .execute()
}

export function findAgreement(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('agreements')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .executeTakeFirst()
}

/** Serializes changes and acceptances of one match's agreement. */
export function lockAgreement(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('agreements')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .forUpdate()
    .executeTakeFirst()
}

export function listAcceptances(db: Db, agreementId: string) {
  return db
    .selectFrom('agreement_acceptances')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('accepted_at')
    .execute()
}

export interface AgreementValues {
  focus: string
  groundRules: unknown
  proposedBy: string
}

export function insertAgreement(db: Db, organizationId: string, matchId: string, values: AgreementValues) {
  return db
    .insertInto('agreements')
    .values({
      organization_id: organizationId,
      match_id: matchId,
      focus: values.focus,
      ground_rules: JSON.stringify(values.groundRules),
      proposed_by: values.proposedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateAgreement(db: Db, agreementId: string, version: number, values: AgreementValues, now: Date) {
  return db
    .updateTable('agreements')
    .set({
      focus: values.focus,
      ground_rules: JSON.stringify(values.groundRules),
      proposed_by: values.proposedBy,
      version,
      proposed_at: now,
      updated_at: now,
    })
    .where('id', '=', agreementId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function deleteAcceptancesExcept(db: Db, agreementId: string, personId: string) {
  return db
    .deleteFrom('agreement_acceptances')
    .where('agreement_id', '=', agreementId)
    .where('person_id', '!=', personId)
    .execute()
}

export function upsertAcceptance(db: Db, agreementId: string, personId: string, version: number, now: Date) {
  return db
    .insertInto('agreement_acceptances')
    .values({ agreement_id: agreementId, person_id: personId, version, accepted_at: now })
    .onConflict((oc) => oc.columns(['agreement_id', 'person_id']).doUpdateSet({ version, accepted_at: now }))
    .execute()
}

export function listGoalsOfMatch(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('goals')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findGoal(db: Db, organizationId: string, goalId: string) {
  return db
    .selectFrom('goals')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', goalId)
    .executeTakeFirst()
}

export interface NewGoalValues {
  ownerId: string
  title: string
  measure: string
  target: string
  dueOn: string
}

export function insertGoal(db: Db, organizationId: string, matchId: string, values: NewGoalValues) {
  return db
    .insertInto('goals')
    .values({
      organization_id: organizationId,
      match_id: matchId,
      owner_id: values.ownerId,
      title: values.title,
      measure: values.measure,
      target: values.target,
      due_on: values.dueOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface GoalChanges {
  title?: string
  measure?: string
  target?: string
  dueOn?: string
  status?: GoalStatus
  progress?: number
}

export function updateGoal(db: Db, organizationId: string, goalId: string, changes: GoalChanges, now: Date) {
  return db
    .updateTable('goals')
    .set({
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.measure === undefined ? {} : { measure: changes.measure }),
      ...(changes.target === undefined ? {} : { target: changes.target }),
      ...(changes.dueOn === undefined ? {} : { due_on: changes.dueOn }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.progress === undefined ? {} : { progress: changes.progress }),
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', goalId)
    .execute()
}

export function listMilestones(db: Db, organizationId: string, goalIds: string[]) {
  if (goalIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('goal_milestones')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('goal_id', 'in', goalIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function insertMilestone(
  db: Db,
  organizationId: string,
  goalId: string,
  values: { title: string; dueOn: string | null },
) {
  return db
    .insertInto('goal_milestones')
    .values({ organization_id: organizationId, goal_id: goalId, title: values.title, due_on: values.dueOn })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateMilestoneDone(
  db: Db,
  organizationId: string,
  goalId: string,
  milestoneId: string,
  doneAt: Date | null,
) {
  return db
    .updateTable('goal_milestones')
    .set({ done_at: doneAt })
    .where('organization_id', '=', organizationId)
    .where('goal_id', '=', goalId)
    .where('id', '=', milestoneId)
    .executeTakeFirst()
}

/** The latest `perGoal` updates of each goal, newest first. */
export async function listLatestUpdates(db: Db, organizationId: string, goalIds: string[], perGoal: number) {
  if (goalIds.length === 0) return []
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('goal_updates as u')
        .leftJoin('people as p', 'p.id', 'u.author_id')
        .select([
          'u.id',
          'u.goal_id',
          'u.author_id',
          'p.name as author_name',
          'u.kind',
          'u.body',
          'u.progress',
          'u.created_at',
          (e) =>
            e.fn
              .agg<number>('row_number')
              .over((o) => o.partitionBy('u.goal_id').orderBy('u.created_at', 'desc').orderBy('u.id', 'desc'))
              .as('rank'),
        ])
        .where('u.organization_id', '=', organizationId)
        .where('u.goal_id', 'in', goalIds)
        .as('ranked'),
    )
    .selectAll()
    .where('rank', '<=', perGoal)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export function insertGoalUpdate(
  db: Db,
  organizationId: string,
  goalId: string,
  values: { authorId: string; kind: GoalUpdateKind; body: string; progress: number | null },
) {
  return db
    .insertInto('goal_updates')
    .values({
      organization_id: organizationId,
      goal_id: goalId,
      author_id: values.authorId,
      kind: values.kind,
      body: values.body,
      progress: values.progress,
    })
    .execute()
}

export const WORKSPACE_STATUSES: readonly MatchStatus[] = ['published', 'active', 'completed']

/** A match its members ended early stays readable (never writable), so they can come back to its closing survey. */
export const READABLE_WORKSPACE_STATUSES: readonly MatchStatus[] = [...WORKSPACE_STATUSES, 'dissolved']
