import type {
  CreateManualMatchBody,
  MyMatch,
  MyMatchList,
  ProgramMatches,
  ProgramMatchesQuery,
  PublishMatchesResult,
  RespondToMatchBody,
  ReviewMatch,
  SwapMembersBody,
  SwapResult,
  UnmatchedPerson,
  UnmatchedReason,
} from '#contracts/matching.ts'
import {
  CreateManualMatchBodySchema,
  ProgramMatchesQuerySchema,
  RespondToMatchBodySchema,
  SwapMembersBodySchema,
} from '#contracts/matching.ts'
import type { MatchingWeights } from '#contracts/programs.ts'
import { ScoringSchema } from '#matching/cohort.schema.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchMemberRole, MatchRow, MatchStatus } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  deliverNotificationsOnce,
  emailNotifications,
  type NotificationToSend,
  recordNotifications,
} from '#server/modules/notifications/notifications.service.ts'
import { lockProgramForChange, transitionProgram } from '#server/modules/programs/programs.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import { checkGroup, type GroupCheck } from './match-constraints.ts'
import {
  explainInWords,
  type ReasonPerson,
  type StoredExplanation,
  summarizeReasons,
  unmatchedReasonText,
} from './match-reasons.ts'
import {
  countProgramMatches,
  findLatestRunUnmatched,
  findMatch,
  findUnfinishedRun,
  insertMatches,
  listMatchesByIds,
  listMatchesOfPerson,
  listMatchMembers,
  listPeopleCards,
  listProgramMatches,
  type MemberRow,
  publishProposals,
  replaceMatchMembers,
  updateMatch,
  updateMemberResponse,
} from './matching.repository.ts'
import {
  assertManager,
  assertMatchable,
  constraintContextOf,
  loadMatchingContext,
  type MatchingContext,
} from './matching-context.service.ts'
import type { StoredRunResult } from './matching-runs.service.ts'
import { personWords, type UnmatchedExplanation } from './unmatched-explanation.ts'

type ProgramType = 'peer_coaching' | 'coaching_circle' | 'peer_mentoring'

function storedExplanation(row: MatchRow, members: MemberRow[]): StoredExplanation {
  const value = (row.explanation ?? {}) as Partial<StoredExplanation>
  const byRole = [...members].sort((a, b) => (a.role === 'mentor' ? -1 : b.role === 'mentor' ? 1 : 0))
  return {
    memberIds: value.memberIds ?? byRole.map((m) => m.person_id),
    criteria: value.criteria ?? null,
    pairScores: value.pairScores ?? null,
    ...(value.questionCriteria ? { questionCriteria: value.questionCriteria } : {}),
    ...(value.source ? { source: value.source } : {}),
  }
}

function reasonPeople(members: MemberRow[]): Map<string, ReasonPerson> {
  return new Map(members.map((m) => [m.person_id, { name: m.name, department: m.department, seniority: m.seniority }]))
}

/** The engine's points per weight unit: the server leaves the cohort's scoring at its defaults. */
const POINTS_PER_WEIGHT_UNIT = ScoringSchema.parse({}).pointsPerWeightUnit

/** What a match's score is read against: the program's type and its weights. */
export interface ReviewProgram {
  type: ProgramType
  matchingRules: { weights: MatchingWeights; questionCriteria: { weight: number }[] }
}

/**
 * A match's fit as a share of the best score the program's weights allow (issue #17, point 4): a pair
 * scores at most the sum of the weights times the points per weight unit; a circle's score is its
 * pairs' sum over (size - 1), so at most size / 2 pairs' best. Scores made under other weights are
 * capped at 100.
 */
export function fitPercent(
  score: number,
  memberCount: number,
  weights: MatchingWeights,
  questionCriteria: readonly { weight: number }[] = [],
): number {
  const questionWeight = questionCriteria.reduce((sum, q) => sum + q.weight, 0)
  const pairBest =
    (weights.complementarity + weights.seniority + weights.diversity + weights.overlap + questionWeight) *
    POINTS_PER_WEIGHT_UNIT
  const best = memberCount > 2 ? (pairBest * memberCount) / 2 : pairBest
  if (best <= 0) return 0
  return Math.max(0, Math.min(100, Math.round((100 * score) / best)))
}

/** The one place a match row becomes the program manager's view of it (decline reasons included). */
export function toReviewMatch(row: MatchRow, members: MemberRow[], program: ReviewProgram): ReviewMatch {
  const explanation = storedExplanation(row, members)
  const reasons = explainInWords(program.type, explanation, reasonPeople(members))
  const order = new Map(explanation.memberIds.map((id, index) => [id, index]))
  return {
    id: row.id,
    programId: row.program_id,
    runId: row.run_id,
    status: row.status,
    origin: row.origin,
    score: row.score,
    fitPercent: fitPercent(
      row.score,
      members.length,
      program.matchingRules.weights,
      program.matchingRules.questionCriteria,
    ),
    isLocked: row.is_locked,
    members: [...members]
      .sort((a, b) => (order.get(a.person_id) ?? 99) - (order.get(b.person_id) ?? 99))
      .map((m) => ({
        personId: m.person_id,
        name: m.name,
        department: m.department,
        title: m.title,
        role: m.role,
        response: m.response,
        responseReason: m.response_reason,
        respondedAt: toIso(m.responded_at),
      })),
    explanation: {
      reasons,
      summary: summarizeReasons(reasons),
      criteria: explanation.criteria,
      questionCriteria: explanation.questionCriteria ?? [],
      pairScores: explanation.pairScores,
    },
    createdAt: row.created_at.toISOString(),
    publishedAt: toIso(row.published_at),
  }
}

function membersByMatch(members: MemberRow[]): Map<string, MemberRow[]> {
  const byMatch = new Map<string, MemberRow[]>()
  for (const m of members) {
    const list = byMatch.get(m.match_id)
    if (list) list.push(m)
    else byMatch.set(m.match_id, [m])
  }
  return byMatch
}

async function reviewMatches(db: Db, organizationId: string, rows: MatchRow[], program: ReviewProgram) {
  const members = membersByMatch(
    await listMatchMembers(
      db,
      organizationId,
      rows.map((r) => r.id),
    ),
  )
  return rows.map((row) => toReviewMatch(row, members.get(row.id) ?? [], program))
}

async function reviewMatch(db: Db, organizationId: string, matchId: string, program: ReviewProgram) {
  const row = await findMatch(db, organizationId, matchId)
  if (!row) throw notFound('Match')
  return (await reviewMatches(db, organizationId, [row], program))[0]
}

const REVIEW_STATUSES: Record<string, MatchStatus[]> = {
  all: ['proposed', 'published', 'active', 'declined'],
  proposed: ['proposed'],
  published: ['published'],
  active: ['active'],
  declined: ['declined'],
}

/** The review screen: proposed and published matches with reasons (a page), and every enrollee without a match and why. */
export async function listMatchesForReview(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: ProgramMatchesQuery,
  now: Date,
): Promise<ProgramMatches> {
  assertManager(viewer, 'Program')
  const query = ProgramMatchesQuerySchema.parse(input)
  const context = await loadMatchingContext(db, viewer.organizationId, programId, now)
  const statuses = REVIEW_STATUSES[query.status]
  const [rows, counted] = await Promise.all([
    listProgramMatches(db, viewer.organizationId, programId, statuses, query),
    countProgramMatches(db, viewer.organizationId, programId),
  ])
  const matches = await reviewMatches(db, viewer.organizationId, rows, context.program)
  const { unmatched, total: unmatchedTotal } = await listUnmatched(db, viewer.organizationId, context, {
    limit: query.unmatchedLimit,
    offset: query.unmatchedOffset,
  })
  const count = (status: MatchStatus) => counted.filter((c) => c.status === status).reduce((sum, c) => sum + c.count, 0)
  return {
    programId,
    matches,
    unmatched,
    counts: {
      proposed: count('proposed'),
      published: count('published'),
      active: count('active'),
      declined: count('declined'),
      locked: counted.filter((c) => c.isLocked && c.status === 'proposed').reduce((sum, c) => sum + c.count, 0),
      unmatched: unmatchedTotal,
    },
    page: { limit: query.limit, offset: query.offset, total: statuses.reduce((sum, s) => sum + count(s), 0) },
    unmatchedPage: { limit: query.unmatchedLimit, offset: query.unmatchedOffset, total: unmatchedTotal },
  }
}

/**
 * Enrollees in no current match, each with the latest reason: the last run's, a decline, or a
 * dissolved proposal. A page of them in name order (ties: id), with how many there are in all.
 */
async function listUnmatched(
  db: Db,
  organizationId: string,
  context: MatchingContext,
  page: { limit: number; offset: number },
): Promise<{ unmatched: UnmatchedPerson[]; total: number }> {
  const inMatch = new Set(context.memberships.map((m) => m.personId))
  const isMentoring = context.program.type === 'peer_mentoring'
  const load = new Map<string, number>()
  for (const m of context.memberships) if (m.role === 'mentor') load.set(m.personId, (load.get(m.personId) ?? 0) + 1)
  // A mentor with no mentee yet is unmatched; one with some mentees is matched, with room or not.
  const everyone = context.enrollees
    .filter((e) => !inMatch.has(e.personId) || (isMentoring && !load.has(e.personId)))
    .sort((a, b) => (a.name === b.name ? compareIds(a.personId, b.personId) : a.name < b.name ? -1 : 1))
  const candidates = everyone.slice(page.offset, page.offset + page.limit)
  if (candidates.length === 0) return { unmatched: [], total: everyone.length }
  const run = await findLatestRunUnmatched(db, organizationId, context.program.id)
  const runReasons = new Map<string, { reason: UnmatchedReason; detail?: string; explain?: UnmatchedExplanation }>()
  for (const u of (run?.unmatched ?? []) as StoredRunResult['unmatched']) {
    runReasons.set(u.id, { reason: u.reason, detail: u.detail, explain: u.explain })
  }
  const ended = new Map<string, { reason: UnmatchedReason; at: Date | null }>()
  for (const m of context.endedMemberships) {
    const previous = ended.get(m.personId)
    if (!previous || (m.endedAt && previous.at && m.endedAt > previous.at)) {
      ended.set(m.personId, { reason: m.status === 'declined' ? 'declined' : 'dissolved', at: m.endedAt })
    }
  }
  const runAt = run?.finished_at ?? null
  const titles = new Map(
    (
      await listPeopleCards(
        db,
        organizationId,
        candidates.map((e) => e.personId),
      )
    ).map((c) => [c.id, c.title]),
  )
  const unmatched = candidates.map((e) => {
    const fromRun = runReasons.get(e.personId)
    const end = ended.get(e.personId)
    const isEndLater = end && (!runAt || !end.at || end.at > runAt)
    const reason: { reason: UnmatchedReason; detail?: string; explain?: UnmatchedExplanation } =
      isEndLater || (end && !fromRun) ? { reason: end.reason } : (fromRun ?? { reason: 'not_in_run' })
    return {
      personId: e.personId,
      name: e.name,
      department: e.department,
      title: titles.get(e.personId) ?? '',
      reason: reason.reason,
      reasonText: unmatchedReasonText(reason.reason, reason.detail, reason.explain),
    }
  })
  return { unmatched, total: everyone.length }
}

/** Code-unit order, the same in every locale (names compare the same way: a page never shifts). */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// ---- adjustments --------------------------------------------------------------------------------

function refuse(check: Extract<GroupCheck, { ok: false }>): never {
  throw new AppError('constraint_violated', check.reason)
}

/** A proposed match of the program, locked for the change; 404 for another organization's, 409 once published. */
async function loadProposal(trx: Db, viewer: Viewer, matchId: string) {
  assertManager(viewer, 'Match')
  const row = await findMatch(trx, viewer.organizationId, matchId)
  if (!row) throw notFound('Match')
  const program = await lockProgramForChange(trx, viewer.organizationId, row.program_id)
  const locked = await findMatch(trx, viewer.organizationId, matchId)
  if (!locked) throw notFound('Match')
  if (locked.status !== 'proposed') {
    throw new AppError('match_not_editable', `This match is ${locked.status}: only proposed matches can be changed`)
  }
  return { row: locked, program }
}

/** Refuses people who are in another current match of the program (mentors: beyond their capacity). */
function assertAvailable(
  context: MatchingContext,
  check: Extract<GroupCheck, { ok: true }>,
  nameOf: (id: string) => string,
  ignoreMatchIds: string[],
): void {
  const ignore = new Set(ignoreMatchIds)
  for (const [personId, role] of check.roles) {
    const others = context.memberships.filter((m) => m.personId === personId && !ignore.has(m.matchId))
    if (role === 'mentor') {
      const capacity = context.enrolleeById.get(personId)?.mentorCapacity ?? context.rules.mentoring.defaultCapacity
      if (others.length >= capacity) {
        throw new AppError(
          'constraint_violated',
          `${nameOf(personId)} already mentors ${others.length} mentee${others.length === 1 ? '' : 's'}, their capacity`,
        )
      }
    } else if (others.length > 0) {
      throw new AppError(
        'constraint_violated',
        `${nameOf(personId)} is already in a ${others[0].status} match of this program`,
      )
    }
  }
}

async function checkAdjustment(
  trx: Db,
  viewer: Viewer,
  context: MatchingContext,
  personIds: string[],
  ignoreMatchIds: string[],
): Promise<Extract<GroupCheck, { ok: true }>> {
  const checker = await constraintContextOf(trx, viewer.organizationId, context, personIds)
  const check = checkGroup(checker, personIds)
  if (!check.ok) refuse(check)
  assertAvailable(context, check, checker.nameOf, ignoreMatchIds)
  return check
}

async function audit(trx: Db, viewer: Viewer, action: string, matchId: string, details: Record<string, unknown>) {
  await recordAuditEvent(trx, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action,
    targetType: 'match',
    targetId: matchId,
    details,
  })
}

/** Locks a proposal so re-runs keep it; it is checked against the hard rules first (they may have changed). */
export async function lockMatch(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<ReviewMatch> {
  return inTransaction(db, async (trx) => {
    const { row, program } = await loadProposal(trx, viewer, matchId)
    const context = await loadMatchingContext(trx, viewer.organizationId, program.id, now)
    const members = context.memberships.filter((m) => m.matchId === matchId).map((m) => m.personId)
    await checkAdjustment(trx, viewer, context, members, [matchId])
    await updateMatch(trx, viewer.organizationId, row.id, { isLocked: true }, now)
    await audit(trx, viewer, 'match.locked', row.id, { programId: program.id, personIds: members })
    return reviewMatch(trx, viewer.organizationId, row.id, program)
  })
}

export async function unlockMatch(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<ReviewMatch> {
  return inTransaction(db, async (trx) => {
    const { row, program } = await loadProposal(trx, viewer, matchId)
    await updateMatch(trx, viewer.organizationId, row.id, { isLocked: false }, now)
    await audit(trx, viewer, 'match.unlocked', row.id, { programId: program.id })
    return reviewMatch(trx, viewer.organizationId, row.id, program)
  })
}

/** Dissolves a proposal: its members go back to the pool. Published matches are not dissolved here. */
export async function dissolveMatch(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row, program } = await loadProposal(trx, viewer, matchId)
    await updateMatch(
      trx,
      viewer.organizationId,
      row.id,
      {
        status: 'dissolved',
        isLocked: false,
        endedAt: now,
        endReason: 'dissolved_by_manager',
      },
      now,
    )
    await audit(trx, viewer, 'match.dissolved', row.id, { programId: program.id })
  })
}

/** Matches people by hand: a manual proposal, checked against every hard rule and scored by the engine. */
export async function createManualMatch(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: CreateManualMatchBody,
  now: Date,
): Promise<ReviewMatch> {
  assertManager(viewer, 'Program')
  const body = CreateManualMatchBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertMatchable(program)
    const context = await loadMatchingContext(trx, viewer.organizationId, programId, now)
    const check = await checkAdjustment(trx, viewer, context, body.personIds, [])
    const [matchId] = await insertMatches(trx, viewer.organizationId, programId, [
      {
        runId: null,
        origin: 'manual',
        score: check.score,
        explanation: { ...check.explanation, source: 'manual' },
        isLocked: body.isLocked,
        createdBy: viewer.personId,
        members: check.explanation.memberIds.map((personId) => ({
          personId,
          role: check.roles.get(personId) ?? 'peer',
        })),
      },
    ])
    await audit(trx, viewer, 'match.created_manually', matchId, { programId, personIds: check.explanation.memberIds })
    return reviewMatch(trx, viewer.organizationId, matchId, program)
  })
}

/**
 * Swaps a member of a proposal with someone from another proposal of the program, or with an
 * unmatched enrollee; both resulting matches are rechecked and become manual proposals.
 */
export async function swapMembers(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: SwapMembersBody,
  now: Date,
): Promise<SwapResult> {
  const body = SwapMembersBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const { row, program } = await loadProposal(trx, viewer, matchId)
    const context = await loadMatchingContext(trx, viewer.organizationId, program.id, now)
    const membersOf = (id: string) => context.memberships.filter((m) => m.matchId === id)
    const here = membersOf(row.id)
    if (!here.some((m) => m.personId === body.personId)) {
      throw new AppError('validation_failed', 'personId is not a member of this match', [
        { path: 'body.personId', message: 'is not a member of this match' },
      ])
    }
    const theirs = context.memberships.filter((m) => m.personId === body.withPersonId)
    const other = theirs.find((m) => m.status === 'proposed' && m.matchId !== row.id)
    if (theirs.some((m) => m.matchId === row.id)) {
      throw new AppError('validation_failed', 'withPersonId is already in this match', [
        { path: 'body.withPersonId', message: 'is already in this match' },
      ])
    }
    if (theirs.length > 0 && !other) {
      throw new AppError('match_not_editable', 'withPersonId is in a published match: only proposals can be changed')
    }
    const replace = (ids: string[], from: string, to: string) => ids.map((id) => (id === from ? to : id))
    const first = replace(
      here.map((m) => m.personId),
      body.personId,
      body.withPersonId,
    )
    const ignore = other ? [row.id, other.matchId] : [row.id]
    const firstCheck = await checkAdjustment(trx, viewer, context, first, ignore)
    let secondCheck: Extract<GroupCheck, { ok: true }> | null = null
    if (other) {
      const second = replace(
        membersOf(other.matchId).map((m) => m.personId),
        body.withPersonId,
        body.personId,
      )
      secondCheck = await checkAdjustment(trx, viewer, context, second, ignore)
    }
    const save = async (id: string, check: Extract<GroupCheck, { ok: true }>) => {
      await replaceMatchMembers(
        trx,
        viewer.organizationId,
        id,
        check.explanation.memberIds.map((personId) => ({
          personId,
          role: (check.roles.get(personId) ?? 'peer') as MatchMemberRole,
        })),
      )
      await updateMatch(
        trx,
        viewer.organizationId,
        id,
        {
          origin: 'manual',
          score: check.score,
          explanation: { ...check.explanation, source: 'swap' },
        },
        now,
      )
    }
    await save(row.id, firstCheck)
    if (other && secondCheck) await save(other.matchId, secondCheck)
    await audit(trx, viewer, 'match.swapped', row.id, {
      programId: program.id,
      personId: body.personId,
      withPersonId: body.withPersonId,
      otherMatchId: other?.matchId ?? null,
    })
    const rows = await listMatchesByIds(trx, viewer.organizationId, ignore)
    const ordered = ignore.map((id) => rows.find((r) => r.id === id)).filter((r): r is MatchRow => r !== undefined)
    return { matches: await reviewMatches(trx, viewer.organizationId, ordered, program) }
  })
}

// ---- publish and respond ------------------------------------------------------------------------

/**
 * Publishes every proposal of the program: members see their match and are notified in-app and by
 * email. A program in matching becomes active; an active program publishes its late matches.
 */
export async function publishMatches(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  viewer: Viewer,
  programId: string,
  now: Date,
): Promise<PublishMatchesResult> {
  assertManager(viewer, 'Program')
  const outcome = await inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertMatchable(program)
    if (await findUnfinishedRun(trx, viewer.organizationId, programId)) {
      throw new AppError('matching_run_in_progress', 'A matching run is still working: publish once it has finished')
    }
    const ids = await publishProposals(trx, viewer.organizationId, programId, now)
    if (ids.length === 0) throw new AppError('nothing_to_match', 'There are no proposed matches to publish')
    let status = program.status
    if (program.status === 'matching') status = (await transitionProgram(trx, viewer, programId, 'active', now)).status
    const members = await listMatchMembers(trx, viewer.organizationId, ids)
    const byMatch = membersByMatch(members)
    const notices: NotificationToSend[] = members.map((m) => {
      const partners = (byMatch.get(m.match_id) ?? []).filter((x) => x.person_id !== m.person_id).map((x) => x.name)
      const who = partners.length === 1 ? partners[0] : `${partners.length} peers`
      const text = `You have been matched with ${who} in "${program.name}". See who they are and why you were matched, then accept or decline: ${deps.publicUrl}/me/matches`
      return {
        personId: m.person_id,
        kind: 'match_published',
        title: `You have a match in ${program.name}`,
        body: `You have been matched with ${who}. Accept or decline the match.`,
        link: '/me/matches',
        email: { to: m.email, subject: `Your match in ${program.name}`, text },
      }
    })
    await recordNotifications(trx, viewer.organizationId, notices)
    await emitWebhookEvents(
      trx,
      viewer.organizationId,
      now,
      ids.map((matchId) =>
        webhookEvents.matchPublished({ matchId, programId, status: 'published', members: byMatch.get(matchId) ?? [] }),
      ),
    )
    const unmatched = await tellTheUnmatched(trx, deps, viewer.organizationId, program, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'matches.published',
      targetType: 'program',
      targetId: programId,
      details: { matches: ids.length, people: members.length, unmatchedTold: unmatched },
    })
    return { published: ids.length, notices, status }
  })
  await emailNotifications(db, deps, viewer.organizationId, outcome.notices)
  return { published: outcome.published, notified: outcome.notices.length, programStatus: outcome.status }
}

/**
 * After publishing, each enrollee still without a match is told so, once per run (issue #17, point 2):
 * the reason in words that name nobody else, and what happens next. The count told.
 */
async function tellTheUnmatched(
  trx: Db,
  deps: { mailer: Mailer; publicUrl: string },
  organizationId: string,
  program: { id: string; name: string },
  now: Date,
): Promise<number> {
  const context = await loadMatchingContext(trx, organizationId, program.id, now)
  const inMatch = new Set(context.memberships.map((m) => m.personId))
  const left = context.enrollees.filter((e) => !inMatch.has(e.personId))
  if (left.length === 0) return 0
  const run = await findLatestRunUnmatched(trx, organizationId, program.id)
  const explained = new Map(((run?.unmatched ?? []) as StoredRunResult['unmatched']).map((u) => [u.id, u.explain]))
  const emails = new Map(
    (
      await listPeopleCards(
        trx,
        organizationId,
        left.map((e) => e.personId),
      )
    ).map((c) => [c.id, c.email]),
  )
  const next =
    'You stay enrolled: your program manager can match you by hand, and you are in the next matching run of the program.'
  let told = 0
  for (const person of left) {
    const why = personWords(explained.get(person.personId))
    const title = `No match for you in ${program.name} this time`
    const email = emails.get(person.personId)
    const delivered = await deliverNotificationsOnce(
      trx,
      deps,
      organizationId,
      `unmatched:${run?.id ?? now.toISOString().slice(0, 10)}:${person.personId}`,
      [
        {
          personId: person.personId,
          kind: 'unmatched_this_time',
          title,
          body: `${why} ${next}`,
          link: `/programs/${program.id}`,
          ...(email
            ? {
                email: {
                  to: email,
                  subject: title,
                  text: `Hi ${person.name.split(' ')[0]},\n\nThe matches of "${program.name}" are out, and you were not matched this time. ${why}\n\n${next}\n\nSee the program: ${deps.publicUrl}/programs/${program.id}`,
                },
              }
            : {}),
        },
      ],
    )
    if (delivered) told++
  }
  return told
}

// dissolved: only a published match a member ended early (a dissolved proposal was never theirs to see).
const MEMBER_STATUSES: MatchStatus[] = ['published', 'active', 'completed', 'declined', 'dissolved']

function toMyMatch(
  row: MatchRow & { program_name: string; program_type: ProgramType },
  members: MemberRow[],
  viewerId: string,
): MyMatch {
  const me = members.find((m) => m.person_id === viewerId)
  const explanation = storedExplanation(row, members)
  return {
    id: row.id,
    program: { id: row.program_id, name: row.program_name, type: row.program_type },
    status: row.status,
    myRole: me?.role ?? 'peer',
    myResponse: me?.response ?? 'pending',
    partners: members
      .filter((m) => m.person_id !== viewerId)
      .map((m) => ({
        personId: m.person_id,
        name: m.name,
        title: m.title,
        department: m.department,
        location: m.location,
        timeZone: m.time_zone,
        languages: m.languages,
        role: m.role,
        response: m.response,
      })),
    reasons: explainInWords(row.program_type, explanation, reasonPeople(members)),
    score: row.score,
    publishedAt: toIso(row.published_at),
  }
}

/** My published matches (never proposals), with my partners and why we were matched. */
export async function listMyMatches(db: Db, viewer: Viewer): Promise<MyMatchList> {
  const rows = (await listMatchesOfPerson(db, viewer.organizationId, viewer.personId, MEMBER_STATUSES)).filter(
    (row) => row.published_at !== null,
  )
  const members = membersByMatch(
    await listMatchMembers(
      db,
      viewer.organizationId,
      rows.map((r) => r.id),
    ),
  )
  return { matches: rows.map((row) => toMyMatch(row, members.get(row.id) ?? [], viewer.personId)) }
}

/**
 * A member accepts or declines a published match. All accepted -> active. A decline ends the match
 * for everyone in it; they return to the pool, and the reason is kept for program managers only.
 */
export async function respondToMatch(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: RespondToMatchBody,
  now: Date,
): Promise<MyMatch> {
  const body = RespondToMatchBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const mine = async () =>
      (await listMatchesOfPerson(trx, viewer.organizationId, viewer.personId, MEMBER_STATUSES)).find(
        (m) => m.id === matchId,
      )
    const found = await mine()
    if (!found) throw notFound('Match')
    await lockProgramForChange(trx, viewer.organizationId, found.program_id)
    const row = await mine()
    if (!row) throw notFound('Match')
    if (row.status !== 'published') {
      throw new AppError('match_response_closed', `This match is ${row.status}: responses are closed`)
    }
    const reason = body.response === 'declined' ? (body.reason ?? null) : null
    await updateMemberResponse(trx, viewer.organizationId, matchId, viewer.personId, body.response, reason, now)
    const members = await listMatchMembers(trx, viewer.organizationId, [matchId])
    const others = members.filter((m) => m.person_id !== viewer.personId)
    if (body.response === 'declined') {
      await updateMatch(
        trx,
        viewer.organizationId,
        matchId,
        {
          status: 'declined',
          endedAt: now,
          endReason: 'declined',
        },
        now,
      )
      await recordNotifications(
        trx,
        viewer.organizationId,
        others.map((m) => ({
          personId: m.person_id,
          kind: 'match_declined',
          title: `Your match in ${row.program_name} will not go ahead`,
          body: 'Your match was declined. You are back in the pool and will be matched again.',
          link: '/me/matches',
        })),
      )
    } else if (members.every((m) => m.response === 'accepted')) {
      await updateMatch(trx, viewer.organizationId, matchId, { status: 'active' }, now)
      await recordNotifications(
        trx,
        viewer.organizationId,
        members.map((m) => ({
          personId: m.person_id,
          kind: 'match_active',
          title: `Your match in ${row.program_name} is on`,
          body: 'Everyone accepted. Agree your focus and plan your first session.',
          link: '/me/matches',
        })),
      )
    }
    // The reason stays out of the audit trail: program managers read it on the match itself.
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: body.response === 'declined' ? 'match.declined' : 'match.accepted',
      targetType: 'match',
      targetId: matchId,
      details: { programId: row.program_id },
    })
    const updated = await mine()
    if (!updated) throw notFound('Match')
    const response = { matchId, programId: row.program_id, status: updated.status, members, personId: viewer.personId }
    await emitWebhookEvents(trx, viewer.organizationId, now, [
      body.response === 'declined' ? webhookEvents.matchDeclined(response) : webhookEvents.matchAccepted(response),
    ])
    return toMyMatch(updated, await listMatchMembers(trx, viewer.organizationId, [matchId]), viewer.personId)
  })
}
