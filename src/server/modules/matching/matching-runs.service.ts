import type {
  CompareRunsQuery,
  CriterionName,
  MatchingRun,
  MatchingRunComparison,
  MatchingRunDetail,
  MatchingRunList,
  MatchingRunSummary,
  MatchMemberSummary,
  PersonRef,
  StartMatchingRunBody,
  UnmatchedReason,
} from '#contracts/matching.ts'
import { CRITERIA, MatchingRunSummarySchema } from '#contracts/matching.ts'
import type { Clock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchMemberRole } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'
import { type CriteriaTotals, runMatchingInWorker } from '#server/jobs/matching-runner.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { getProgramForMatching, lockProgramForChange } from '#server/modules/programs/programs.service.ts'
import { buildCohort, type CohortRules, type KeptMatch } from './cohort-builder.ts'
import { checkGroup } from './match-constraints.ts'
import {
  explainInWords,
  type StoredExplanation,
  summarizeReasons,
  unmatchedReasonText,
  withPrompts,
} from './match-reasons.ts'
import {
  deleteReplaceableProposals,
  findMatchingRun,
  findMatchingRunResult,
  findUnfinishedRun,
  insertMatches,
  insertMatchingRun,
  listMatchingRuns,
  listMemberships,
  listPeopleCards,
  type MatchingRunListRow,
  type NewMatch,
  updateMatchingRun,
} from './matching.repository.ts'
import {
  assertManager,
  assertMatchable,
  CURRENT_STATUSES,
  constraintContextOf,
  loadMatchingContext,
  type MatchingContext,
  referenceDateOf,
  toCohortRules,
} from './matching-context.service.ts'
import { explainUnmatched, type UnmatchedExplanation } from './unmatched-explanation.ts'

/** The queue of matching runs, and the queue that receives a run whose attempts all died. */
export const MATCHING_RUN_QUEUE = 'matching-run'
export const MATCHING_RUN_FAILED_QUEUE = 'matching-run-failed'

export interface MatchingRunJobData extends JobData {
  organizationId: string
  programId: string
  runId: string
  actorId: string
  overrides: NonNullable<StartMatchingRunBody>
}

const INTERRUPTED = 'The run was interrupted (the server stopped before it finished)'

/** What a run keeps in matching_runs.result: every proposal it leaves behind, and who it left out. */
export interface StoredRunResult {
  solver: { name: string; version: string; exact: boolean; elapsedMs: number }
  programType: CohortRules['programType']
  matches: {
    members: string[]
    score: number
    source: 'engine' | 'must' | 'kept'
    criteria?: StoredExplanation['criteria']
    questionCriteria?: StoredExplanation['questionCriteria']
    pairScores?: StoredExplanation['pairScores']
  }[]
  unmatched: { id: string; reason: UnmatchedReason; detail?: string; explain?: UnmatchedExplanation }[]
}

export interface RunSettings {
  rules: CohortRules
  label: string | null
  referenceDate: string
  overrides: NonNullable<StartMatchingRunBody>
}

export function toMatchingRun(row: MatchingRunListRow): MatchingRun {
  const settings = (row.settings ?? {}) as Partial<RunSettings>
  const summary = MatchingRunSummarySchema.safeParse(row.summary)
  return {
    id: row.id,
    programId: row.program_id,
    runNumber: row.run_number,
    status: row.status,
    progress: row.progress,
    label: settings.label ?? null,
    settings: row.settings as Record<string, unknown>,
    summary: summary.success ? summary.data : null,
    error: row.error,
    startedBy: row.started_by && row.started_by_name ? { id: row.started_by, name: row.started_by_name } : null,
    createdAt: row.created_at.toISOString(),
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
  }
}

/**
 * Queues a matching run of the program (matching, or active for late enrollees); answers at once
 * with the queued run. One run at a time per program. The run and its job commit together, and a
 * job worker (of any instance) runs it; tests await it with the job runner's `drain()`.
 */
export async function startMatchingRun(
  db: Db,
  viewer: Viewer,
  programId: string,
  body: StartMatchingRunBody,
  clock: Clock,
  jobs: JobRunner,
): Promise<MatchingRun> {
  const overrides = body ?? {}
  const runId = await queueRun(db, viewer, programId, overrides, clock, async (trx, program, id) => {
    await jobs.send<MatchingRunJobData>(
      MATCHING_RUN_QUEUE,
      {
        organizationId: viewer.organizationId,
        description: `Matching run ${program.name}`,
        programId,
        runId: id,
        actorId: viewer.personId,
        overrides,
      },
      { db: trx },
    )
  })
  return getMatchingRun(db, viewer, runId)
}

/**
 * A matching run in this call, without the job queue (scripts such as the demo seed, which may run
 * inside one transaction): answers once the run succeeded or failed.
 */
export async function runMatchingNow(
  db: Db,
  viewer: Viewer,
  programId: string,
  body: StartMatchingRunBody,
  clock: Clock,
): Promise<MatchingRun> {
  const overrides = body ?? {}
  const runId = await queueRun(db, viewer, programId, overrides, clock)
  await executeRun(db, clock, viewer.organizationId, programId, runId, viewer.personId, overrides)
  return getMatchingRun(db, viewer, runId)
}

async function queueRun(
  db: Db,
  viewer: Viewer,
  programId: string,
  overrides: NonNullable<StartMatchingRunBody>,
  clock: Clock,
  /** Sends the run's job inside the transaction that records the run. */
  enqueue?: (trx: Db, program: { name: string }, runId: string) => Promise<void>,
): Promise<string> {
  assertManager(viewer, 'Program')
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertMatchable(program)
    // The queue ends every run (it succeeds, fails, or fails once its attempts died), so an
    // unfinished run is really still working.
    const unfinished = await findUnfinishedRun(trx, viewer.organizationId, programId)
    if (unfinished) {
      throw new AppError(
        'matching_run_in_progress',
        'A matching run of this program is still working; wait for it to finish',
      )
    }
    const referenceDate = referenceDateOf(program, clock.now())
    const settings: RunSettings = {
      rules: toCohortRules(program, overrides),
      label: overrides.label ?? null,
      referenceDate: typeof referenceDate === 'string' ? referenceDate : referenceDate.toISOString(),
      overrides,
    }
    const id = await insertMatchingRun(trx, viewer.organizationId, {
      programId,
      settings,
      startedBy: viewer.personId,
    })
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'matching_run.started',
      targetType: 'matching_run',
      targetId: id,
      details: { programId, overrides },
    })
    await enqueue?.(trx, program, id)
    return id
  })
}

/**
 * The matching-run job: runs the engine in a worker thread and stores the result. A run that ended
 * already (an earlier attempt finished just before its process died) is left alone. A run the
 * engine refuses is a failed run, not a failed job; a job fails (and is retried) only when its
 * process dies or the database is unreachable.
 */
export async function runQueuedMatchingRun(
  db: Db,
  data: MatchingRunJobData,
  clock: Clock,
  attempt: { retryCount: number } = { retryCount: 0 },
): Promise<RunEnding | null> {
  const row = await findMatchingRun(db, data.organizationId, data.runId)
  if (!row || row.status === 'succeeded' || row.status === 'failed') return null
  // The program manager sees why the run started over, while it runs again and once it finished.
  const notice = attempt.retryCount > 0 ? interruptedNotice(attempt.retryCount) : null
  return executeRun(db, clock, data.organizationId, data.programId, data.runId, data.actorId, data.overrides, notice)
}

/** How a run ended, for the operators' metrics: its outcome, how long it took and how many people it considered. */
export interface RunEnding {
  outcome: 'succeeded' | 'failed'
  seconds: number
  people: number
}

/** What a run retried after its worker died says while it runs again. */
export function interruptedNotice(retryCount: number): string {
  const earlier = retryCount === 1 ? 'The first attempt' : `Attempt ${retryCount}`
  return `${earlier} was interrupted (the server running it stopped), so the run started again`
}

/**
 * The run's every attempt died (or its job was lost): the run is failed so it can be started again.
 * Answers whether it failed it now.
 */
export async function failAbandonedMatchingRun(db: Db, data: MatchingRunJobData, clock: Clock): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await findMatchingRun(trx, data.organizationId, data.runId)
    if (!row || row.status === 'succeeded' || row.status === 'failed') return false
    const error = `${INTERRUPTED}, and its retries too; start it again`
    await updateMatchingRun(trx, data.organizationId, data.runId, { status: 'failed', error, finishedAt: clock.now() })
    await recordAuditEvent(trx, {
      organizationId: data.organizationId,
      actorId: data.actorId,
      action: 'matching_run.failed',
      targetType: 'matching_run',
      targetId: data.runId,
      details: { programId: data.programId, error },
    })
    return true
  })
}

async function executeRun(
  db: Db,
  clock: Clock,
  organizationId: string,
  programId: string,
  runId: string,
  actorId: string,
  overrides: NonNullable<StartMatchingRunBody>,
  notice: string | null = null,
): Promise<RunEnding> {
  const started = performance.now()
  let people = 0
  try {
    const startedAt = clock.now()
    await updateMatchingRun(db, organizationId, runId, {
      status: 'running',
      progress: 5,
      startedAt,
      ...(notice ? { error: notice } : {}),
    })
    const context = await loadMatchingContext(db, organizationId, programId, startedAt, overrides)
    const plan = await planCohort(db, organizationId, context, runId)
    people = plan.built.enrolleeCount
    await updateMatchingRun(db, organizationId, runId, { progress: 20 })
    let outcome: Awaited<ReturnType<typeof runMatchingInWorker>> | null = null
    // Progress writes go one after another, and all land before the final status.
    let progressWrites = Promise.resolve()
    if (plan.built.cohort) {
      outcome = await runMatchingInWorker(plan.built.cohort, {
        onProgress: (progress) => {
          progressWrites = progressWrites
            .then(() => updateMatchingRun(db, organizationId, runId, { progress }))
            .catch(() => {})
        },
      })
    }
    await progressWrites
    await updateMatchingRun(db, organizationId, runId, { progress: 85 })
    await inTransaction(db, async (trx) => {
      const program = await lockProgramForChange(trx, organizationId, programId)
      assertMatchable(program)
      const stored = await applyRun(trx, organizationId, programId, runId, context, plan, outcome)
      const summary = summarize(stored, plan, outcome, performance.now() - started)
      await updateMatchingRun(trx, organizationId, runId, {
        status: 'succeeded',
        progress: 100,
        result: stored,
        summary,
        finishedAt: clock.now(),
      })
      await recordAuditEvent(trx, {
        organizationId,
        actorId,
        action: 'matching_run.succeeded',
        targetType: 'matching_run',
        targetId: runId,
        details: { programId, matches: summary.matches, unmatched: summary.unmatched, totalScore: summary.totalScore },
      })
    })
    return { outcome: 'succeeded', seconds: (performance.now() - started) / 1000, people }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await inTransaction(db, async (trx) => {
      await updateMatchingRun(trx, organizationId, runId, { status: 'failed', error: message, finishedAt: clock.now() })
      await recordAuditEvent(trx, {
        organizationId,
        actorId,
        action: 'matching_run.failed',
        targetType: 'matching_run',
        targetId: runId,
        details: { programId, error: message },
      })
    }) // when even this fails (database unreachable), the job fails and is retried
    return { outcome: 'failed', seconds: (performance.now() - started) / 1000, people }
  }
}

interface CohortPlan {
  built: ReturnType<typeof buildCohort>
  kept: KeptMatch[]
  mustMatches: { personIds: [string, string]; score: number; explanation: StoredExplanation }[]
}

/** Who is in the cohort: enrollees outside kept matches (locked, manual, published ...) and must pairs. */
async function planCohort(
  db: Db,
  organizationId: string,
  context: MatchingContext,
  runId: string,
): Promise<CohortPlan> {
  const kept = keptMatchesOf(context)
  const musts = context.pairRules.filter((r) => r.kind === 'must')
  const checker = await constraintContextOf(
    db,
    organizationId,
    context,
    musts.flatMap((r) => [r.person_a_id, r.person_b_id]),
  )
  // A must pair that no longer meets the hard rules (a profile changed since) is not forced.
  const feasibleMusts = new Map<string, ReturnType<typeof checkGroup>>()
  for (const rule of musts) {
    const check = checkGroup(checker, [rule.person_a_id, rule.person_b_id])
    if (check.ok) feasibleMusts.set(`${rule.person_a_id}|${rule.person_b_id}`, check)
  }
  const built = buildCohort({
    cohortId: runId,
    rules: context.rules,
    enrollees: [...context.enrolleeById.values()],
    managerLinks: context.managerLinks,
    referenceDate: context.referenceDate,
    keptMatches: kept,
    mustPairs: musts
      .filter((r) => feasibleMusts.has(`${r.person_a_id}|${r.person_b_id}`))
      .map((r) => [r.person_a_id, r.person_b_id]),
    neverPairs: context.pairRules.filter((r) => r.kind === 'never').map((r) => [r.person_a_id, r.person_b_id]),
    earlierPartners: context.earlierPartners,
    declinedPairs: context.declinedPairs,
  })
  const mustMatches = built.mustMatches.map((pair) => {
    const key = pair[0] < pair[1] ? `${pair[0]}|${pair[1]}` : `${pair[1]}|${pair[0]}`
    const check = feasibleMusts.get(key)
    if (!check?.ok) throw new Error('must pair without a check')
    return { personIds: pair, score: check.score, explanation: { ...check.explanation, source: 'must_pair' as const } }
  })
  return { built, kept, mustMatches }
}

/** Matches a new run leaves alone: locked or manual proposals, and everything published or later. */
function keptMatchesOf(context: MatchingContext): KeptMatch[] {
  const byMatch = new Map<string, KeptMatch>()
  for (const m of context.memberships) {
    const isKept = m.status !== 'proposed' || m.isLocked || m.origin === 'manual'
    if (!isKept) continue
    const kept = byMatch.get(m.matchId) ?? { personIds: [], mentorId: null }
    kept.personIds.push(m.personId)
    if (m.role === 'mentor') kept.mentorId = m.personId
    byMatch.set(m.matchId, kept)
  }
  return [...byMatch.values()]
}

function roleOf(programType: CohortRules['programType'], index: number): MatchMemberRole {
  if (programType === 'peer_mentoring') return index === 0 ? 'mentor' : 'mentee'
  return programType === 'coaching_circle' ? 'member' : 'peer'
}

/** Replaces the unlocked engine proposals with the run's matches; returns what the run stores. */
async function applyRun(
  trx: Db,
  organizationId: string,
  programId: string,
  runId: string,
  context: MatchingContext,
  plan: CohortPlan,
  outcome: Awaited<ReturnType<typeof runMatchingInWorker>> | null,
): Promise<StoredRunResult> {
  const { programType } = context.rules
  await deleteReplaceableProposals(trx, organizationId, programId)
  // Adjustments made while the engine worked win: anyone now in a kept match is not matched again.
  const current = await listMemberships(trx, organizationId, [programId], CURRENT_STATUSES)
  const taken = new Set(current.filter((m) => m.role !== 'mentor').map((m) => m.person_id))
  const mentorLoad = new Map<string, number>()
  for (const m of current) if (m.role === 'mentor') mentorLoad.set(m.person_id, (mentorLoad.get(m.person_id) ?? 0) + 1)
  const isFree = (members: string[]) =>
    members.every((id, index) => {
      if (roleOf(programType, index) !== 'mentor') return !taken.has(id)
      const capacity = context.enrolleeById.get(id)?.mentorCapacity ?? context.rules.mentoring.defaultCapacity
      return (mentorLoad.get(id) ?? 0) < capacity
    })
  const claim = (members: string[]) =>
    members.forEach((id, index) => {
      if (roleOf(programType, index) === 'mentor') mentorLoad.set(id, (mentorLoad.get(id) ?? 0) + 1)
      else taken.add(id)
    })

  const stored: StoredRunResult['matches'] = []
  const unmatched: StoredRunResult['unmatched'] = []
  const inserts: NewMatch[] = []
  const add = (members: string[], score: number, explanation: StoredExplanation, source: 'engine' | 'must') => {
    if (!isFree(members)) {
      for (const id of members) if (!taken.has(id)) unmatched.push({ id, reason: 'not_selected' })
      return
    }
    claim(members)
    inserts.push({
      runId,
      origin: 'engine',
      score,
      explanation,
      isLocked: false,
      createdBy: null,
      members: members.map((personId, index) => ({ personId, role: roleOf(programType, index) })),
    })
    const { criteria, pairScores, questionCriteria } = explanation
    stored.push({ members, score, source, criteria, pairScores, ...(questionCriteria ? { questionCriteria } : {}) })
  }
  for (const must of plan.mustMatches) add(must.personIds, must.score, must.explanation, 'must')
  for (const match of outcome?.result.matches ?? []) {
    const pairScores = match.pairScores?.map((p) => ({ personIds: p.members, score: p.score })) ?? null
    add(
      match.members,
      match.score,
      {
        memberIds: match.members,
        criteria: match.criteria ?? null,
        pairScores,
        ...withPrompts(match.questionCriteria, context.program.enrollmentQuestions),
      },
      'engine',
    )
  }
  await insertMatches(trx, organizationId, programId, inserts)

  // `current` was read before the inserts: it is exactly the matches the run kept.
  const keptByMatch = new Map<string, { members: string[]; score: number }>()
  for (const m of current) {
    const kept = keptByMatch.get(m.match_id) ?? { members: [], score: m.score }
    if (m.role === 'mentor') kept.members.unshift(m.person_id)
    else kept.members.push(m.person_id)
    keptByMatch.set(m.match_id, kept)
  }
  for (const kept of keptByMatch.values()) stored.push({ members: kept.members, score: kept.score, source: 'kept' })
  // Why each person the engine left out was left out, in their terms (issue #17, point 2).
  const engineUnmatched = outcome?.result.unmatched ?? []
  const explained =
    plan.built.cohort && engineUnmatched.length > 0
      ? explainUnmatched(
          plan.built.cohort,
          engineUnmatched.map((u) => u.id),
        )
      : new Map<string, UnmatchedExplanation>()
  for (const u of engineUnmatched) {
    const explain = explained.get(u.id)
    unmatched.push({ id: u.id, reason: u.reason, detail: u.detail, ...(explain ? { explain } : {}) })
  }
  for (const p of plan.built.invalidProfiles)
    unmatched.push({ id: p.personId, reason: 'invalid_profile', detail: p.detail })
  const solver = outcome?.result.solver ?? { name: 'none', version: '', exact: true, elapsedMs: 0 }
  return {
    solver: { name: solver.name, version: solver.version, exact: solver.exact, elapsedMs: solver.elapsedMs },
    programType,
    matches: stored,
    unmatched,
  }
}

function summarize(
  stored: StoredRunResult,
  plan: CohortPlan,
  outcome: {
    result: { stats: { participants: number; candidateEdges: number } }
    criteriaTotals: CriteriaTotals
  } | null,
  elapsedMs: number,
): MatchingRunSummary {
  const fresh = stored.matches.filter((m) => m.source !== 'kept')
  const kept = stored.matches.filter((m) => m.source === 'kept')
  const totals: CriteriaTotals = outcome?.criteriaTotals ?? { pairs: 0, value: {}, points: {} }
  const value = { ...totals.value }
  const points = { ...totals.points }
  let pairs = totals.pairs
  for (const must of plan.mustMatches) {
    pairs++
    for (const name of CRITERIA) {
      value[name] = (value[name] ?? 0) + (must.explanation.criteria?.[name].value ?? 0)
      points[name] = (points[name] ?? 0) + (must.explanation.criteria?.[name].points ?? 0)
    }
  }
  const criteria = Object.fromEntries(
    CRITERIA.map((name) => [
      name,
      {
        value: pairs > 0 ? round((value[name] ?? 0) / pairs, 4) : 0,
        points: pairs > 0 ? round((points[name] ?? 0) / pairs, 1) : 0,
      },
    ]),
  ) as Record<CriterionName, { value: number; points: number }>
  const matchedPeople = new Set(stored.matches.flatMap((m) => m.members)).size
  const unmatchedByReason: Record<string, number> = {}
  for (const u of stored.unmatched) unmatchedByReason[u.reason] = (unmatchedByReason[u.reason] ?? 0) + 1
  const totalScore = fresh.reduce((sum, m) => sum + m.score, 0)
  const enrollees = plan.built.enrolleeCount
  return {
    participants: outcome?.result.stats.participants ?? 0,
    enrollees,
    matches: fresh.length,
    keptMatches: kept.length,
    matchedPeople,
    matchedShare: enrollees > 0 ? round(matchedPeople / enrollees, 4) : 0,
    totalScore,
    averageScore: fresh.length > 0 ? round(totalScore / fresh.length, 1) : 0,
    criteria,
    unmatched: stored.unmatched.length,
    unmatchedByReason,
    candidateEdges: outcome?.result.stats.candidateEdges ?? 0,
    engineMs: stored.solver.elapsedMs,
    elapsedMs: Math.round(elapsedMs),
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

async function loadRun(db: Db, viewer: Viewer, runId: string): Promise<MatchingRunListRow> {
  assertManager(viewer, 'Matching run')
  const row = await findMatchingRun(db, viewer.organizationId, runId)
  if (!row) throw notFound('Matching run')
  return row
}

/** A run's status and progress (program managers; anyone else: 404). */
export async function getMatchingRun(db: Db, viewer: Viewer, runId: string): Promise<MatchingRun> {
  return toMatchingRun(await loadRun(db, viewer, runId))
}

/** The program's runs, newest first, with their summaries for comparison. */
export async function listProgramMatchingRuns(db: Db, viewer: Viewer, programId: string): Promise<MatchingRunList> {
  assertManager(viewer, 'Program')
  await getProgramForMatching(db, viewer.organizationId, programId)
  const rows = await listMatchingRuns(db, viewer.organizationId, programId)
  return { runs: rows.map(toMatchingRun) }
}

async function readResult(db: Db, organizationId: string, runId: string): Promise<StoredRunResult | null> {
  const row = await findMatchingRunResult(db, organizationId, runId)
  return (row?.result as StoredRunResult | null) ?? null
}

/** A run with its proposals and unmatched people in words (program managers only). */
export async function getMatchingRunDetail(db: Db, viewer: Viewer, runId: string): Promise<MatchingRunDetail> {
  const row = await loadRun(db, viewer, runId)
  const run = toMatchingRun(row)
  const result = await readResult(db, viewer.organizationId, runId)
  if (!result) return { ...run, result: null }
  const ids = [...result.matches.flatMap((m) => m.members), ...result.unmatched.map((u) => u.id)]
  const cards = new Map((await listPeopleCards(db, viewer.organizationId, ids)).map((card) => [card.id, card]))
  const card = (id: string) => cards.get(id) ?? { id, name: 'Former member', department: '', title: '', seniority: 0 }
  const member = (id: string, index: number): MatchMemberSummary => ({
    personId: id,
    name: card(id).name,
    department: card(id).department,
    title: card(id).title,
    role: roleOf(result.programType, index),
  })
  return {
    ...run,
    result: {
      solver: result.solver,
      matches: result.matches.map((m) => {
        const explanation: StoredExplanation = {
          memberIds: m.members,
          criteria: m.criteria ?? null,
          pairScores: m.pairScores ?? null,
          ...(m.questionCriteria ? { questionCriteria: m.questionCriteria } : {}),
          ...(m.source === 'must' ? { source: 'must_pair' as const } : {}),
        }
        const reasons =
          m.source === 'kept'
            ? ['kept from before the run (locked, manual or published)']
            : explainInWords(result.programType, explanation, cards)
        return {
          members: m.members.map(member),
          score: m.score,
          explanation: {
            reasons,
            summary: summarizeReasons(reasons),
            criteria: explanation.criteria,
            questionCriteria: explanation.questionCriteria ?? [],
            pairScores: explanation.pairScores,
          },
        }
      }),
      unmatched: result.unmatched.map((u) => ({
        personId: u.id,
        name: card(u.id).name,
        department: card(u.id).department,
        title: card(u.id).title,
        reason: u.reason,
        reasonText: unmatchedReasonText(u.reason, u.detail, u.explain),
      })),
    },
  }
}

function partnerMap(result: StoredRunResult | null): Map<string, Set<string>> {
  const partners = new Map<string, Set<string>>()
  for (const m of result?.matches ?? []) {
    for (const id of m.members) {
      const set = partners.get(id) ?? new Set<string>()
      for (const other of m.members) if (other !== id) set.add(other)
      partners.set(id, set)
    }
  }
  return partners
}

/** Two runs of a program side by side: their summaries, and who has a different partner in b than in a. */
export async function compareMatchingRuns(
  db: Db,
  viewer: Viewer,
  programId: string,
  query: CompareRunsQuery,
): Promise<MatchingRunComparison> {
  const [rowA, rowB] = await Promise.all([loadRun(db, viewer, query.a), loadRun(db, viewer, query.b)])
  if (rowA.program_id !== programId || rowB.program_id !== programId) throw notFound('Matching run')
  const [resultA, resultB] = await Promise.all([
    readResult(db, viewer.organizationId, query.a),
    readResult(db, viewer.organizationId, query.b),
  ])
  const inA = partnerMap(resultA)
  const inB = partnerMap(resultB)
  const people = [...new Set([...inA.keys(), ...inB.keys()])]
  const changed: { personId: string; a: string[]; b: string[] }[] = []
  let same = 0
  for (const id of people) {
    const a = [...(inA.get(id) ?? [])].sort()
    const b = [...(inB.get(id) ?? [])].sort()
    if (a.join() === b.join()) same++
    else changed.push({ personId: id, a, b })
  }
  const names = new Map(
    (
      await listPeopleCards(
        db,
        viewer.organizationId,
        changed.flatMap((c) => [c.personId, ...c.a, ...c.b]),
      )
    ).map((card) => [card.id, card.name]),
  )
  const ref = (id: string): PersonRef => ({ id, name: names.get(id) ?? 'Former member' })
  const a = toMatchingRun(rowA)
  const b = toMatchingRun(rowB)
  const figure = (run: MatchingRun, key: 'totalScore' | 'averageScore' | 'matchedShare' | 'matches' | 'unmatched') =>
    run.summary?.[key] ?? 0
  return {
    a,
    b,
    delta: {
      totalScore: figure(b, 'totalScore') - figure(a, 'totalScore'),
      averageScore: round(figure(b, 'averageScore') - figure(a, 'averageScore'), 1),
      matchedShare: round(figure(b, 'matchedShare') - figure(a, 'matchedShare'), 4),
      matches: figure(b, 'matches') - figure(a, 'matches'),
      unmatched: figure(b, 'unmatched') - figure(a, 'unmatched'),
    },
    samePartnerCount: same,
    changedPartnerCount: changed.length,
    changes: changed
      .map((c) => ({
        personId: c.personId,
        name: ref(c.personId).name,
        partnersInA: c.a.map(ref),
        partnersInB: c.b.map(ref),
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
  }
}
