import type { ErrorDetail } from '#contracts/errors.ts'
import {
  type ClosingSurveyAnswer,
  ClosingSurveyAnswerSchema,
  type ClosingSurveyBody,
  ClosingSurveyBodySchema,
  type CreateRepairRequestBody,
  CreateRepairRequestBodySchema,
  type DissolveMatchBody,
  DissolveMatchBodySchema,
  EXIT_MATCH_STATUSES,
  type FitAndExits,
  type FitAnswer,
  type FitAnswerBody,
  FitAnswerBodySchema,
  FitAnswerSchema,
  type ManagedRepairRequest,
  type ManagerCompletion,
  type MyRepairRequest,
  type RepairRequestList,
  type RepairRequestListQuery,
  RepairRequestListQuerySchema,
} from '#contracts/fit-and-exits.ts'
import { workspacePath } from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchStatus, MatchSurveyRow, RepairRequestRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { assertManager } from '#server/modules/matching/matching-context.service.ts'
import {
  type NotificationToSend,
  type NotifyDeps,
  recordNotifications,
} from '#server/modules/notifications/notifications.service.ts'
import { listActiveProgramManagers } from '#server/modules/people/people.service.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { inviteToClosingSurvey } from '#server/modules/reminders/reminders.service.ts'
import { cancelSessionsOfEndedMatch, listStartedMatchSessions } from '#server/modules/sessions/sessions.service.ts'
import { listOrganizationSkills } from '#server/modules/skills/skills.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import { listMatchMembers, memberMatch } from '#server/modules/workspaces/workspaces.service.ts'
import {
  agreeToCompletion,
  closeOpenRepairRequestsOfMatch,
  closeRepairRequest,
  findLatestRepairRequestOf,
  findMatchEnd,
  findRepairRequest,
  findSurvey,
  insertRepairRequest,
  insertSurvey,
  listCompletionAgreements,
  listRepairRequestsOfProgram,
  lockMatchRow,
  type RepairRequestListRow,
  updateMatchEnd,
} from './fit-and-exits.repository.ts'

/**
 * The first session of the match has happened: one held, or a scheduled one whose start has passed
 * (cancelled and missed sessions do not count).
 */
async function hasFirstSession(db: Db, organizationId: string, matchId: string, now: Date): Promise<boolean> {
  return (await listStartedMatchSessions(db, organizationId, matchId, now)).length > 0
}

/** The workspace rule, widened to a match its members ended: the closing survey stays reachable. */
const EXIT_STATUSES: readonly MatchStatus[] = EXIT_MATCH_STATUSES
const COMPLETABLE_PROGRAM_STATUSES = ['active', 'completed']

function toFitAnswer(row: MatchSurveyRow): FitAnswer | null {
  const parsed = FitAnswerSchema.omit({ answeredAt: true }).safeParse(row.answers)
  return parsed.success ? { ...parsed.data, answeredAt: toIso(row.created_at) } : null
}

function toClosingSurvey(row: MatchSurveyRow): ClosingSurveyAnswer | null {
  const parsed = ClosingSurveyAnswerSchema.omit({ answeredAt: true }).safeParse(row.answers)
  return parsed.success ? { ...parsed.data, answeredAt: toIso(row.created_at) } : null
}

/** The requester's own view of their request (the reason is theirs). */
function toMyRepairRequest(row: RepairRequestRow): MyRepairRequest {
  return {
    id: row.id,
    matchId: row.match_id,
    status: row.status,
    reason: row.reason,
    createdAt: toIso(row.created_at),
    resolvedAt: toIso(row.resolved_at),
    resolutionNote: row.resolution_note,
  }
}

/** The program manager's view of a request: with the reason, the requester and the match's members. */
function toManagedRepairRequest(
  row: RepairRequestListRow,
  members: { match_id: string; person_id: string; name: string }[],
): ManagedRepairRequest {
  return {
    id: row.id,
    matchId: row.match_id,
    programId: row.program_id,
    status: row.status,
    reason: row.reason,
    requester: { personId: row.person_id, name: row.requester_name },
    members: members.filter((m) => m.match_id === row.match_id).map((m) => ({ personId: m.person_id, name: m.name })),
    createdAt: toIso(row.created_at),
    resolvedAt: toIso(row.resolved_at),
    resolvedBy: row.resolved_by ? { personId: row.resolved_by, name: row.resolver_name ?? '' } : null,
    resolutionNote: row.resolution_note,
  }
}

async function audit(trx: Db, viewer: Viewer, action: string, targetType: string, targetId: string, details = {}) {
  await recordAuditEvent(trx, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action,
    targetType,
    targetId,
    details,
  })
}

async function loadMatchEnd(db: Db, viewer: Viewer, matchId: string) {
  const end = await findMatchEnd(db, viewer.organizationId, matchId)
  if (!end) throw notFound('Match')
  return end
}

/** Everything the fit-and-exits section shows a member: their own fit answer, request and closing survey. */
export async function getFitAndExits(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<FitAndExits> {
  const match = await memberMatch(db, viewer, matchId, EXIT_STATUSES)
  const end = await loadMatchEnd(db, viewer, match.id)
  const [first, fit, repair, closing, skills, agreements] = await Promise.all([
    hasFirstSession(db, viewer.organizationId, match.id, now),
    findSurvey(db, viewer.organizationId, match.id, viewer.personId, 'fit'),
    findLatestRepairRequestOf(db, viewer.organizationId, match.id, viewer.personId),
    findSurvey(db, viewer.organizationId, match.id, viewer.personId, 'closing'),
    listOrganizationSkills(db, viewer),
    listCompletionAgreements(db, viewer.organizationId, match.id),
  ])
  const names = new Map(skills.map((s) => [s.slug, s.name]))
  const isActive = end.status === 'active'
  const ref = (row: (typeof agreements)[number]) => ({ personId: row.person_id, name: row.name })
  return {
    matchId: match.id,
    matchStatus: end.status as FitAndExits['matchStatus'],
    endedAt: toIso(end.ended_at),
    programStatus: end.program_status,
    hasFirstSession: first,
    myFit: fit ? toFitAnswer(fit) : null,
    myRepairRequest: repair ? toMyRepairRequest(repair) : null,
    canAskRepair: isActive && repair?.status !== 'open',
    canComplete: isActive && COMPLETABLE_PROGRAM_STATUSES.includes(end.program_status),
    completion: {
      iAgreed: agreements.some((a) => a.person_id === viewer.personId && a.completion_agreed_at !== null),
      agreed: agreements.filter((a) => a.person_id !== viewer.personId && a.completion_agreed_at !== null).map(ref),
      waitingFor: agreements.filter((a) => a.person_id !== viewer.personId && a.completion_agreed_at === null).map(ref),
    },
    canDissolve: isActive,
    isClosingSurveyOpen: (end.status === 'completed' || end.status === 'dissolved') && !closing,
    focusSkills: end.focus_skills.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
    myClosingSurvey: closing ? toClosingSurvey(closing) : null,
  }
}

/** After the first session (held, or its start passed) each member answers the pairing-fit question once. */
export async function answerFit(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: FitAnswerBody,
  now: Date,
): Promise<FitAnswer> {
  const body = FitAnswerBodySchema.parse(input)
  const match = await memberMatch(db, viewer, matchId)
  if (!(await hasFirstSession(db, viewer.organizationId, match.id, now))) {
    throw new AppError('fit_too_early', 'The pairing-fit question opens after your first session')
  }
  const row = await insertSurvey(db, viewer.organizationId, {
    matchId: match.id,
    personId: viewer.personId,
    kind: 'fit',
    answers: { fit: body.fit, keepPairing: body.keepPairing, comment: body.comment },
  })
  if (!row) throw new AppError('survey_already_answered', 'You already answered the pairing-fit question')
  const answer = toFitAnswer(row)
  if (!answer) throw notFound('Fit answer')
  return answer
}

/** A member asks to be re-paired; the reason reaches program managers only (never the partner). */
export async function askToBeRepaired(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: CreateRepairRequestBody,
): Promise<MyRepairRequest> {
  const body = CreateRepairRequestBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const match = await memberMatch(trx, viewer, matchId)
    if (match.status !== 'active') {
      throw new AppError('match_not_active', `This match is ${match.status}: re-pairing is for active matches`)
    }
    const row = await insertRepairRequest(trx, viewer.organizationId, {
      matchId: match.id,
      personId: viewer.personId,
      reason: body.reason,
    })
    if (!row) throw new AppError('repair_request_open', 'You already asked to be re-paired in this match')
    const managers = (await listActiveProgramManagers(trx, viewer.organizationId)).filter(
      (m) => m.id !== viewer.personId,
    )
    // The reason stays out of notifications and the audit trail: managers read it on the program.
    await recordNotifications(
      trx,
      viewer.organizationId,
      managers.map(
        (m): NotificationToSend => ({
          personId: m.id,
          kind: 'repair_requested',
          title: `A re-pair request in ${match.program_name}`,
          body: `${viewer.name} asked to be re-paired. Read their reason with the program's re-pair requests.`,
          link: `/programs/${match.program_id}`,
        }),
      ),
    )
    return toMyRepairRequest(row)
  })
}

/** The requester withdraws their open re-pair request; anyone else is told it does not exist. */
export async function withdrawRepairRequest(
  db: Db,
  viewer: Viewer,
  matchId: string,
  requestId: string,
  now: Date,
): Promise<MyRepairRequest> {
  const match = await memberMatch(db, viewer, matchId, EXIT_STATUSES)
  const request = await findRepairRequest(db, viewer.organizationId, requestId)
  if (!request || request.match_id !== match.id || request.person_id !== viewer.personId) {
    throw notFound('Re-pair request')
  }
  const closed = await closeRepairRequest(
    db,
    viewer.organizationId,
    requestId,
    {
      status: 'withdrawn',
      resolvedBy: null,
    },
    now,
  )
  if (!closed) throw new AppError('repair_request_closed', `This request is already ${request.status}`)
  return toMyRepairRequest(closed)
}

/** Program managers: the program's re-pair requests with their reasons (open ones unless asked for all). */
export async function listProgramRepairRequests(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: RepairRequestListQuery = {},
): Promise<RepairRequestList> {
  assertManager(viewer, 'Program')
  const query = RepairRequestListQuerySchema.parse(input)
  await loadProgram(db, viewer.organizationId, programId)
  const rows = await listRepairRequestsOfProgram(
    db,
    viewer.organizationId,
    programId,
    query.status === 'open' ? ['open'] : ['open', 'resolved', 'withdrawn'],
  )
  const members = await listMatchMembers(db, viewer.organizationId, [...new Set(rows.map((r) => r.match_id))])
  return { requests: rows.map((row) => toManagedRepairRequest(row, members)) }
}

/** A program manager resolves an open re-pair request; the requester (only) is told. */
export async function resolveRepairRequest(
  db: Db,
  viewer: Viewer,
  requestId: string,
  now: Date,
): Promise<ManagedRepairRequest> {
  assertManager(viewer, 'Re-pair request')
  return inTransaction(db, async (trx) => {
    const request = await findRepairRequest(trx, viewer.organizationId, requestId)
    if (!request) throw notFound('Re-pair request')
    const closed = await closeRepairRequest(
      trx,
      viewer.organizationId,
      requestId,
      {
        status: 'resolved',
        resolvedBy: viewer.personId,
      },
      now,
    )
    if (!closed) throw new AppError('repair_request_closed', `This request is already ${request.status}`)
    const program = await loadProgram(trx, viewer.organizationId, request.program_id)
    await recordNotifications(trx, viewer.organizationId, [
      {
        personId: request.person_id,
        kind: 'repair_resolved',
        title: `Your re-pair request in ${program.name} was handled`,
        body: `${viewer.name} handled your request to be re-paired.`,
        link: workspacePath(request.match_id, 'pairing'),
      },
    ])
    await audit(trx, viewer, 'repair_request.resolved', 'repair_request', requestId, { matchId: request.match_id })
    const rows = await listRepairRequestsOfProgram(trx, viewer.organizationId, request.program_id, ['resolved'])
    const row = rows.find((r) => r.id === requestId)
    if (!row) throw notFound('Re-pair request')
    return toManagedRepairRequest(row, await listMatchMembers(trx, viewer.organizationId, [request.match_id]))
  })
}

/** Locks an active match of the viewer for ending it; 409 when it is not active. */
async function lockActiveMatch(trx: Db, viewer: Viewer, matchId: string, action: string) {
  const match = await memberMatch(trx, viewer, matchId, EXIT_STATUSES)
  const locked = await lockMatchRow(trx, viewer.organizationId, match.id)
  if (!locked) throw notFound('Match')
  assertActive(locked.status, action)
  return match
}

/** Ending is for an active match: 409 match_not_active, saying why, otherwise. */
function assertActive(status: MatchStatus, action: string): void {
  if (status === 'active') return
  throw new AppError(
    'match_not_active',
    status === 'published'
      ? `Everyone must accept the match before it can be ${action}`
      : `This match is already ${status}`,
  )
}

async function notifyPartners(
  trx: Db,
  viewer: Viewer,
  matchId: string,
  notice: Omit<NotificationToSend, 'personId'>,
): Promise<void> {
  const members = await listMatchMembers(trx, viewer.organizationId, [matchId])
  await recordNotifications(
    trx,
    viewer.organizationId,
    members.filter((m) => m.person_id !== viewer.personId).map((m) => ({ personId: m.person_id, ...notice })),
  )
}

/**
 * What ending a match does to what was still to come, in the ending's transaction: its future
 * sessions are cancelled (every member gets the calendar cancellation) and its open re-pair requests
 * are closed with a note their requester reads. Completing and ending early both go through here.
 */
async function endMatchFuture(
  trx: Db,
  deps: NotifyDeps,
  actor: Viewer,
  match: { id: string; program_name: string },
  ending: 'completed' | 'ended',
  now: Date,
): Promise<{ cancelledSessions: number; closedRepairRequests: number }> {
  const cancelledSessions = await cancelSessionsOfEndedMatch(
    trx,
    deps,
    actor.organizationId,
    { id: match.id, programName: match.program_name, ending },
    now,
  )
  const memberIds = new Set((await listMatchMembers(trx, actor.organizationId, [match.id])).map((m) => m.person_id))
  const note =
    ending === 'completed'
      ? 'The match was completed, so there is no partner to change any more. You can join the next cycle or another program.'
      : 'The match ended, so this request closed with it. A program manager can match you again if the program is still running.'
  const closed = await closeOpenRepairRequestsOfMatch(
    trx,
    actor.organizationId,
    match.id,
    // A member who ended the match did not handle anyone's request: closed by the ending, with the note.
    { resolvedBy: hasRole(actor, 'program_manager') && !memberIds.has(actor.personId) ? actor.personId : null, note },
    now,
  )
  await recordNotifications(
    trx,
    actor.organizationId,
    closed.map((request) => ({
      personId: request.person_id,
      kind: 'repair_resolved' as const,
      title: `Your re-pair request in ${match.program_name} is closed`,
      body: note,
      link: workspacePath(match.id, 'pairing'),
    })),
  )
  return { cancelledSessions, closedRepairRequests: closed.length }
}

/** Completes an active match: the end, its future cancelled, partners told, the closing survey for everyone. */
async function completeNow(
  trx: Db,
  deps: NotifyDeps,
  actor: Viewer,
  match: { id: string; program_id: string; program_name: string },
  completedBy: string,
  now: Date,
) {
  await updateMatchEnd(trx, actor.organizationId, match.id, { status: 'completed', endReason: 'completed' }, now)
  const future = await endMatchFuture(trx, deps, actor, match, 'completed', now)
  await notifyPartners(trx, actor, match.id, {
    kind: 'match_completed',
    title: `Your match in ${match.program_name} is complete`,
    body: `${completedBy}. Tell us how it went in the closing survey.`,
    link: workspacePath(match.id, 'pairing'),
  })
  await inviteToClosingSurvey(trx, deps, actor.organizationId, { id: match.id, programName: match.program_name })
  const members = await listMatchMembers(trx, actor.organizationId, [match.id])
  await emitWebhookEvents(trx, actor.organizationId, now, [
    webhookEvents.matchCompleted({ matchId: match.id, programId: match.program_id, status: 'completed', members }),
  ])
  return future
}

function assertProgramRunning(end: { program_status: string; program_name: string }): void {
  if (!COMPLETABLE_PROGRAM_STATUSES.includes(end.program_status)) {
    throw new AppError(
      'program_not_running',
      `"${end.program_name}" is ${end.program_status}: a match is completed while its program is active or completed`,
    )
  }
}

/**
 * A member agrees to complete the match (while the program is active or completed). The match
 * completes once every member agreed (COMPLETION_RULE); until then the others are asked to agree.
 */
export async function completeMatch(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  matchId: string,
  now: Date,
): Promise<FitAndExits> {
  await inTransaction(db, async (trx) => {
    const match = await lockActiveMatch(trx, viewer, matchId, 'completed')
    assertProgramRunning(await loadMatchEnd(trx, viewer, match.id))
    const isNewAgreement = await agreeToCompletion(trx, viewer.organizationId, match.id, viewer.personId, now)
    const agreements = await listCompletionAgreements(trx, viewer.organizationId, match.id)
    const waiting = agreements.filter((a) => a.completion_agreed_at === null)
    if (waiting.length === 0) {
      const others = agreements.filter((a) => a.person_id !== viewer.personId).map((a) => a.name)
      await completeNow(trx, deps, viewer, match, `You and ${others.join(', ')} agreed it is complete`, now)
      await audit(trx, viewer, 'match.completed', 'match', match.id, { programId: match.program_id })
      return
    }
    // Agreeing again changes nothing and asks nobody twice.
    if (!isNewAgreement) return
    await recordNotifications(
      trx,
      viewer.organizationId,
      waiting.map((member) => ({
        personId: member.person_id,
        kind: 'match_completion_proposed' as const,
        title: `${viewer.name} would like to complete your match in ${match.program_name}`,
        body: 'The match completes once everyone in it agrees. Open the workspace to agree, or talk it over in your next session.',
        link: workspacePath(match.id, 'pairing'),
      })),
    )
    await audit(trx, viewer, 'match.completion_agreed', 'match', match.id, { programId: match.program_id })
  })
  return getFitAndExits(db, viewer, matchId, now)
}

/** A program manager completes an active match of their organization without waiting for its members. */
export async function completeMatchAsManager(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  programId: string,
  matchId: string,
  now: Date,
): Promise<ManagerCompletion> {
  assertManager(viewer, 'Match')
  return inTransaction(db, async (trx) => {
    const locked = await lockMatchRow(trx, viewer.organizationId, matchId)
    const end = locked ? await findMatchEnd(trx, viewer.organizationId, matchId) : undefined
    if (!locked || !end || end.program_id !== programId) throw notFound('Match')
    assertActive(locked.status, 'completed')
    assertProgramRunning(end)
    const future = await completeNow(
      trx,
      deps,
      viewer,
      { id: matchId, program_id: programId, program_name: end.program_name },
      `${viewer.name}, a program manager, completed it`,
      now,
    )
    await audit(trx, viewer, 'match.completed_by_manager', 'match', matchId, { programId })
    return { matchId, status: 'completed' as const, ...future }
  })
}

/**
 * A member ends the match early. The reason is required and kept in matches.end_reason and in the
 * program managers' notification; the partner is told only that the match ended.
 */
export async function dissolveMatchAsMember(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  matchId: string,
  input: DissolveMatchBody,
  now: Date,
): Promise<FitAndExits> {
  const body = DissolveMatchBodySchema.parse(input)
  await inTransaction(db, async (trx) => {
    const match = await lockActiveMatch(trx, viewer, matchId, 'ended')
    await updateMatchEnd(trx, viewer.organizationId, match.id, { status: 'dissolved', endReason: body.reason }, now)
    await endMatchFuture(trx, deps, viewer, match, 'ended', now)
    await notifyPartners(trx, viewer, match.id, {
      kind: 'match_dissolved',
      title: `Your match in ${match.program_name} has ended`,
      body: `${viewer.name} ended your match. Tell us how it went in the closing survey.`,
      link: workspacePath(match.id, 'pairing'),
    })
    const members = new Set((await listMatchMembers(trx, viewer.organizationId, [match.id])).map((m) => m.person_id))
    const managers = (await listActiveProgramManagers(trx, viewer.organizationId)).filter((m) => !members.has(m.id))
    await recordNotifications(
      trx,
      viewer.organizationId,
      managers.map((m) => ({
        personId: m.id,
        kind: 'match_dissolved',
        title: `A match in ${match.program_name} was ended by a member`,
        body: `${viewer.name} ended their match. Their reason: ${body.reason}`,
        link: `/programs/${match.program_id}`,
      })),
    )
    await inviteToClosingSurvey(trx, deps, viewer.organizationId, { id: match.id, programName: match.program_name })
    // The reason stays out of the audit trail, as decline reasons do.
    await audit(trx, viewer, 'match.dissolved_by_member', 'match', match.id, { programId: match.program_id })
  })
  return getFitAndExits(db, viewer, matchId, now)
}

/** After completion or dissolution each member answers the closing survey once, rating every focus skill. */
export async function answerClosingSurvey(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: ClosingSurveyBody,
): Promise<ClosingSurveyAnswer> {
  const body = ClosingSurveyBodySchema.parse(input)
  const match = await memberMatch(db, viewer, matchId, EXIT_STATUSES)
  const end = await loadMatchEnd(db, viewer, match.id)
  if (end.status !== 'completed' && end.status !== 'dissolved') {
    throw new AppError('closing_survey_not_open', 'The closing survey opens once the match is completed or ended')
  }
  const details: ErrorDetail[] = []
  for (const skill of end.focus_skills) {
    if (body.selfAssessment[skill] === undefined) {
      details.push({ path: `body.selfAssessment.${skill}`, message: 'rate this focus skill 1..5' })
    }
  }
  for (const skill of Object.keys(body.selfAssessment)) {
    if (!end.focus_skills.includes(skill)) {
      details.push({ path: `body.selfAssessment.${skill}`, message: 'is not a focus skill of this program' })
    }
  }
  if (details.length > 0) {
    throw new AppError('validation_failed', `selfAssessment ${details[0].message}: ${details[0].path}`, details)
  }
  const row = await insertSurvey(db, viewer.organizationId, {
    matchId: match.id,
    personId: viewer.personId,
    kind: 'closing',
    answers: {
      satisfaction: body.satisfaction,
      wouldRecommend: body.wouldRecommend,
      selfAssessment: body.selfAssessment,
      intentToStay: body.intentToStay ?? null,
      comment: body.comment,
    },
  })
  if (!row) throw new AppError('survey_already_answered', 'You already answered the closing survey')
  const answer = toClosingSurvey(row)
  if (!answer) throw notFound('Closing survey')
  return answer
}
