import type {
  AcceptAgreementBody,
  Agreement,
  CreateGoalBody,
  CreateMilestoneBody,
  Goal,
  GoalUpdate,
  Milestone,
  PostGoalUpdateBody,
  ProposeAgreementBody,
  UpdateGoalBody,
  UpdateMilestoneBody,
  Workspace,
} from '#contracts/workspaces.ts'
import {
  AcceptAgreementBodySchema,
  CreateGoalBodySchema,
  CreateMilestoneBodySchema,
  GroundRulesSchema,
  PostGoalUpdateBodySchema,
  ProposeAgreementBodySchema,
  UpdateGoalBodySchema,
  UpdateMilestoneBodySchema,
} from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import type {
  AgreementAcceptanceRow,
  AgreementRow,
  GoalRow,
  MatchMemberRole,
  MatchStatus,
  ProgramType,
} from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { NotifyDeps } from '#server/modules/notifications/notifications.service.ts'
import { notifyAgreementToAccept } from '#server/modules/reminders/reminders.service.ts'
import {
  deleteAcceptancesExcept,
  findAgreement,
  findGoal,
  findMatchOfMember,
  insertAgreement,
  insertGoal,
  insertGoalUpdate,
  insertMilestone,
  listAcceptances,
  listGoalsOfMatch,
  listLatestUpdates,
  listMembers,
  listMilestones,
  lockAgreement,
  type MemberMatchRow,
  READABLE_WORKSPACE_STATUSES,
  updateAgreement,
  updateGoal,
  updateMilestoneDone,
  upsertAcceptance,
  WORKSPACE_STATUSES,
} from './workspaces.repository.ts'

const LATEST_UPDATES_PER_GOAL = 20

/** The match statuses whose members may open the workspace (memberMatch's default rule). */
export const OPEN_WORKSPACE_STATUSES: readonly MatchStatus[] = WORKSPACE_STATUSES

/**
 * The one access rule of the workspace: the viewer is a member of the match and the match is
 * published, active or completed. Anyone else (another match's partner, a program manager, an
 * admin, another organization) and a match still in proposal get 404, so nothing leaks its existence.
 */
export async function memberMatch(
  db: Db,
  viewer: Viewer,
  matchId: string,
  // Other modules may widen it (the closing survey stays open on a dissolved match); never narrower rules.
  statuses: readonly MatchStatus[] = WORKSPACE_STATUSES,
): Promise<MemberMatchRow> {
  const match = await findMatchOfMember(db, viewer.organizationId, matchId, viewer.personId)
  if (!match || !statuses.includes(match.status)) throw notFound('Match')
  // A proposal a program manager dissolved was never shown to its members: it stays unknown to them.
  if (match.status === 'dissolved' && !match.published_at) throw notFound('Match')
  // Someone enrolled by another person enters only once they accepted the program's terms.
  if (match.enrolled_by !== null && match.enrolled_by !== viewer.personId && match.consented_at === null) {
    throw new AppError(
      'terms_not_accepted',
      `This workspace opens once you accept the confidentiality terms of ${match.program_name}: you were enrolled by a program manager and have not accepted them yet.`,
    )
  }
  return match
}

/** A goal the viewer can see: it belongs to a match they may open. */
async function visibleGoal(db: Db, viewer: Viewer, goalId: string): Promise<{ goal: GoalRow; match: MemberMatchRow }> {
  const goal = await findGoal(db, viewer.organizationId, goalId)
  if (!goal) throw notFound('Goal')
  const match = await findMatchOfMember(db, viewer.organizationId, goal.match_id, viewer.personId)
  if (!match || !WORKSPACE_STATUSES.includes(match.status)) throw notFound('Goal')
  return { goal, match }
}

function requireOwner(viewer: Viewer, goal: GoalRow, action: string) {
  if (goal.owner_id !== viewer.personId) {
    throw new AppError('not_goal_owner', `Only the goal's owner can ${action}; you can comment on it`)
  }
}

/**
 * The members of these matches (match, person, role, name, email), by name: the one reader of match
 * membership for the workspace modules. The caller has already applied the access rule.
 */
export function listMatchMembers(db: Db, organizationId: string, matchIds: readonly string[]) {
  return listMembers(db, organizationId, matchIds)
}

/** In mentoring the mentee owns the goals; in peer coaching and circles every member does. */
export function canOwnGoals(programType: ProgramType, role: MatchMemberRole): boolean {
  return programType !== 'peer_mentoring' || role === 'mentee'
}

function toAgreement(
  row: AgreementRow,
  acceptances: AgreementAcceptanceRow[],
  memberIds: string[],
  viewer: Viewer,
): Agreement {
  const current = new Set(acceptances.filter((a) => a.version === row.version).map((a) => a.person_id))
  const groundRules = GroundRulesSchema.safeParse(row.ground_rules)
  return {
    id: row.id,
    focus: row.focus,
    groundRules: groundRules.success ? groundRules.data : { confidentiality: '', cadence: '', feedback: '' },
    version: row.version,
    proposedBy: row.proposed_by,
    proposedAt: toIso(row.proposed_at),
    updatedAt: toIso(row.updated_at),
    acceptances: acceptances.map((a) => ({
      personId: a.person_id,
      version: a.version,
      acceptedAt: toIso(a.accepted_at),
    })),
    isAgreed: memberIds.length > 0 && memberIds.every((id) => current.has(id)),
    isAcceptedByMe: current.has(viewer.personId),
  }
}

async function loadAgreement(
  db: Db,
  viewer: Viewer,
  matchId: string,
  knownMembers?: readonly { person_id: string }[],
): Promise<Agreement | null> {
  const row = await findAgreement(db, viewer.organizationId, matchId)
  if (!row) return null
  const acceptances = await listAcceptances(db, row.id)
  const members = knownMembers ?? (await listMembers(db, viewer.organizationId, [matchId]))
  return toAgreement(
    row,
    acceptances,
    members.map((m) => m.person_id),
    viewer,
  )
}

async function loadGoals(db: Db, viewer: Viewer, goals: GoalRow[]): Promise<Goal[]> {
  const ids = goals.map((g) => g.id)
  const milestones = await listMilestones(db, viewer.organizationId, ids)
  const updates = await listLatestUpdates(db, viewer.organizationId, ids, LATEST_UPDATES_PER_GOAL)
  return goals.map((goal) => ({
    id: goal.id,
    matchId: goal.match_id,
    ownerId: goal.owner_id,
    isMine: goal.owner_id === viewer.personId,
    title: goal.title,
    measure: goal.measure,
    target: goal.target,
    dueOn: goal.due_on,
    status: goal.status,
    progress: goal.progress,
    createdAt: toIso(goal.created_at),
    updatedAt: toIso(goal.updated_at),
    milestones: milestones
      .filter((m) => m.goal_id === goal.id)
      .map(
        (m): Milestone => ({
          id: m.id,
          title: m.title,
          dueOn: m.due_on,
          doneAt: m.done_at ? toIso(m.done_at) : null,
        }),
      ),
    latestUpdates: updates
      .filter((u) => u.goal_id === goal.id)
      .map(
        (u): GoalUpdate => ({
          id: u.id,
          authorId: u.author_id,
          authorName: u.author_name,
          kind: u.kind,
          body: u.body,
          progress: u.progress,
          createdAt: toIso(u.created_at),
        }),
      ),
  }))
}

async function loadGoal(db: Db, viewer: Viewer, goalId: string): Promise<Goal> {
  const goal = await findGoal(db, viewer.organizationId, goalId)
  if (!goal) throw notFound('Goal')
  const [loaded] = await loadGoals(db, viewer, [goal])
  return loaded
}

/**
 * The match workspace for one of its members: partners, program terms, agreement and goals. A match
 * they ended early reads too (its status tells the web it is read-only); every write keeps memberMatch's rule.
 */
export async function getWorkspace(db: Db, viewer: Viewer, matchId: string): Promise<Workspace> {
  const match = await memberMatch(db, viewer, matchId, READABLE_WORKSPACE_STATUSES)
  // A fixed number of statements whatever the number of members, goals, milestones and updates
  // (workspace-statements.test.ts), one after another: a request holds one pooled connection at a
  // time, so 50 concurrent requests do not wait on a 10-connection pool for each other's halves.
  const members = await listMembers(db, viewer.organizationId, [matchId])
  const agreement = await loadAgreement(db, viewer, matchId, members)
  const goals = await loadGoals(db, viewer, await listGoalsOfMatch(db, viewer.organizationId, matchId))
  return {
    match: {
      id: match.id,
      status: match.status as Workspace['match']['status'],
      publishedAt: match.published_at ? toIso(match.published_at) : null,
    },
    myRole: match.my_role,
    partners: members
      .filter((m) => m.person_id !== viewer.personId)
      .map((m) => ({
        personId: m.person_id,
        name: m.name,
        title: m.title,
        department: m.department,
        timeZone: m.time_zone,
        role: m.role,
      })),
    program: {
      id: match.program_id,
      name: match.program_name,
      type: match.program_type,
      confidentialityTerms: match.confidentiality_terms,
    },
    agreement,
    canOwnGoals: canOwnGoals(match.program_type, match.my_role),
    goals,
  }
}

/**
 * A member proposes the agreement or changes it; a change bumps the version and asks everyone else
 * again (agreement_to_accept, in-app and by email).
 */
export async function proposeAgreement(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  matchId: string,
  input: ProposeAgreementBody,
  now: Date,
): Promise<Agreement> {
  const body = ProposeAgreementBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    await memberMatch(trx, viewer, matchId)
    const values = { focus: body.focus, groundRules: body.groundRules, proposedBy: viewer.personId }
    const existing = await lockAgreement(trx, viewer.organizationId, matchId)
    let agreementId: string
    let version: number
    if (existing) {
      version = existing.version + 1
      agreementId = (await updateAgreement(trx, existing.id, version, values, now)).id
      await deleteAcceptancesExcept(trx, agreementId, viewer.personId)
    } else {
      const created = await insertAgreement(trx, viewer.organizationId, matchId, values)
      agreementId = created.id
      version = created.version
    }
    // Proposing is accepting one's own words.
    await upsertAcceptance(trx, agreementId, viewer.personId, version, now)
    await notifyAgreementToAccept(trx, deps, viewer, matchId, { isChange: existing !== undefined })
    const agreement = await loadAgreement(trx, viewer, matchId)
    if (!agreement) throw notFound('Agreement')
    return agreement
  })
}

/** A member accepts the version they read; everyone on the current version -> agreed. */
export async function acceptAgreement(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: AcceptAgreementBody,
  now: Date,
): Promise<Agreement> {
  const body = AcceptAgreementBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    await memberMatch(trx, viewer, matchId)
    const existing = await lockAgreement(trx, viewer.organizationId, matchId)
    if (!existing) throw new AppError('no_agreement', 'Nobody has proposed an agreement yet')
    if (existing.version !== body.version) {
      throw new AppError(
        'agreement_changed',
        `The agreement changed since you read it (now version ${existing.version}); read it again before accepting`,
      )
    }
    await upsertAcceptance(trx, existing.id, viewer.personId, existing.version, now)
    const agreement = await loadAgreement(trx, viewer, matchId)
    if (!agreement) throw notFound('Agreement')
    return agreement
  })
}

/** A member sets their own goal (in mentoring, only the mentee). */
export async function setGoal(db: Db, viewer: Viewer, matchId: string, input: CreateGoalBody): Promise<Goal> {
  const body = CreateGoalBodySchema.parse(input)
  const match = await memberMatch(db, viewer, matchId)
  if (!canOwnGoals(match.program_type, match.my_role)) {
    throw new AppError('mentee_owns_goals', 'In mentoring the mentee sets the goals; you can comment on them')
  }
  const goal = await insertGoal(db, viewer.organizationId, matchId, { ownerId: viewer.personId, ...body })
  return loadGoal(db, viewer, goal.id)
}

/** The owner changes their goal: wording, due date, status or progress. */
export async function changeGoal(
  db: Db,
  viewer: Viewer,
  goalId: string,
  input: UpdateGoalBody,
  now: Date,
): Promise<Goal> {
  const body = UpdateGoalBodySchema.parse(input)
  const { goal } = await visibleGoal(db, viewer, goalId)
  requireOwner(viewer, goal, 'change it')
  await updateGoal(db, viewer.organizationId, goalId, body, now)
  return loadGoal(db, viewer, goalId)
}

/** The owner adds a milestone to their goal. */
export async function addMilestone(db: Db, viewer: Viewer, goalId: string, input: CreateMilestoneBody): Promise<Goal> {
  const body = CreateMilestoneBodySchema.parse(input)
  const { goal } = await visibleGoal(db, viewer, goalId)
  requireOwner(viewer, goal, 'add milestones')
  await insertMilestone(db, viewer.organizationId, goalId, { title: body.title, dueOn: body.dueOn ?? null })
  return loadGoal(db, viewer, goalId)
}

/** The owner marks a milestone done or not done. */
export async function markMilestone(
  db: Db,
  viewer: Viewer,
  goalId: string,
  milestoneId: string,
  input: UpdateMilestoneBody,
  now: Date,
): Promise<Goal> {
  const body = UpdateMilestoneBodySchema.parse(input)
  const { goal } = await visibleGoal(db, viewer, goalId)
  requireOwner(viewer, goal, 'tick off milestones')
  const result = await updateMilestoneDone(db, viewer.organizationId, goalId, milestoneId, body.isDone ? now : null)
  if (Number(result.numUpdatedRows) === 0) throw notFound('Milestone')
  return loadGoal(db, viewer, goalId)
}

/** The owner posts progress (which becomes the goal's progress); any member may comment. */
export async function postGoalUpdate(
  db: Db,
  viewer: Viewer,
  goalId: string,
  input: PostGoalUpdateBody,
  now: Date,
): Promise<Goal> {
  const body = PostGoalUpdateBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const { goal } = await visibleGoal(trx, viewer, goalId)
    if (body.kind === 'progress') {
      requireOwner(viewer, goal, 'post progress')
      await updateGoal(trx, viewer.organizationId, goalId, { progress: body.progress }, now)
    }
    await insertGoalUpdate(trx, viewer.organizationId, goalId, {
      authorId: viewer.personId,
      kind: body.kind,
      body: body.body,
      progress: body.kind === 'progress' ? body.progress : null,
    })
    return loadGoal(trx, viewer, goalId)
  })
}
