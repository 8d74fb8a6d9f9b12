import type { MatchHealth, MatchNudgeResult } from '#contracts/insights.ts'
import { workspacePath } from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  deliverNotificationsOnce,
  isDeliveredOnce,
  type NotificationToSend,
  type NotifyDeps,
} from '#server/modules/notifications/notifications.service.ts'
import { getOrganization } from '#server/modules/organizations/organizations.service.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { loadAtRiskPage } from './insight-aggregates.ts'
import {
  findOpenRepairRequestDate,
  findShownMatch,
  listMatchFitAnswers,
  listMatchGoals,
  listMatchMemberDetails,
  listMatchSessions,
} from './insights.repository.ts'
import { computeMatchHealth, type MatchRows, nudgeDeliveryKey } from './match-health.ts'

const toDate = (value: Date | string | null) =>
  value === null ? null : value instanceof Date ? value : new Date(value)

const toNumber = (value: string | null) => {
  if (value === null || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/** Program managers and admins only; anyone else (members included) is told the match does not exist. */
async function loadShownMatch(db: Db, viewer: Viewer, programId: string, matchId: string) {
  if (!hasRole(viewer, 'program_manager')) throw notFound('Match')
  const program = await loadProgram(db, viewer.organizationId, programId)
  const match = await findShownMatch(db, viewer.organizationId, program.id, matchId)
  if (!match) throw notFound('Match')
  return { program, match }
}

/**
 * One match of a program for its program managers and admins: dates, session and goal counts,
 * pairing fit as aggregates, an open re-pair request and the at-risk reasons; never anyone's words.
 */
export async function getMatchHealth(
  db: Db,
  viewer: Viewer,
  programId: string,
  matchId: string,
  now: Date,
): Promise<MatchHealth> {
  const { program, match } = await loadShownMatch(db, viewer, programId, matchId)
  // This match's rows only, and its at-risk reasons from the same SQL as the dashboard's list.
  const [organization, sessions, goals, fitAnswers, atRisk, members, repairOpenedAt, isNudgedToday] = await Promise.all(
    [
      getOrganization(db, viewer),
      listMatchSessions(db, viewer.organizationId, match.id),
      listMatchGoals(db, viewer.organizationId, match.id),
      listMatchFitAnswers(db, viewer.organizationId, match.id),
      loadAtRiskPage(db, viewer.organizationId, { id: program.id, cadenceDays: program.sessionCadenceDays }, now, {
        sort: 'attention',
        limit: 1,
        offset: 0,
        matchId: match.id,
      }),
      listMatchMemberDetails(db, viewer.organizationId, match.id),
      findOpenRepairRequestDate(db, viewer.organizationId, match.id),
      isDeliveredOnce(db, viewer.organizationId, nudgeDeliveryKey(match.id, now)),
    ],
  )
  const rows: MatchRows = {
    program: {
      id: program.id,
      name: program.name,
      type: program.type,
      cadenceDays: program.sessionCadenceDays,
      targetSessionCount: program.targetSessionCount,
    },
    sessions: sessions.map((s) => ({
      matchId: s.match_id,
      status: s.status,
      startsAt: toDate(s.starts_at) ?? new Date(0),
      coachId: s.coach_id,
    })),
    goals: goals.map((g) => ({ matchId: g.match_id, ownerId: g.owner_id, status: g.status, progress: g.progress })),
    fitAnswers: fitAnswers.map((f) => ({
      matchId: f.match_id,
      personId: f.person_id,
      fit: toNumber(f.fit),
      keepPairing: f.keep_pairing,
    })),
  }
  const health = computeMatchHealth({
    rows,
    match: {
      id: match.id,
      status: match.status,
      publishedAt: toDate(match.published_at),
      endedAt: toDate(match.ended_at),
    },
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name,
      department: m.department,
      role: m.role,
      response: m.response,
      respondedAt: toDate(m.responded_at),
    })),
    repairOpenedAt: toDate(repairOpenedAt),
    atRiskReasons: atRisk.matches[0]?.reasons ?? [],
    isNudgedToday,
    threshold: organization.aggregateThreshold,
    now,
  })
  return { ...health, generatedAt: now.toISOString() }
}

/**
 * A program manager nudges an active match: its members get a match_nudge in-app and by email
 * (unless muted). Once per match and UTC day, however often it is pressed or by whom.
 */
export async function nudgeMatch(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  programId: string,
  matchId: string,
  now: Date,
): Promise<MatchNudgeResult> {
  const { program, match } = await loadShownMatch(db, viewer, programId, matchId)
  if (match.status !== 'active') {
    throw new AppError('match_not_active', `Only an active match can be nudged; this match is ${match.status}`)
  }
  const key = nudgeDeliveryKey(match.id, now)
  const sentOn = now.toISOString().slice(0, 10)
  return inTransaction(db, async (trx) => {
    const members = (await listMatchMemberDetails(trx, viewer.organizationId, match.id)).filter(
      (m) => m.status !== 'deactivated',
    )
    const link = workspacePath(match.id, 'sessions')
    const notices: NotificationToSend[] = members.map((m) => {
      const partners = members.filter((x) => x.person_id !== m.person_id).map((x) => x.name)
      const withWhom = partners.length === 0 ? '' : ` with ${partners.join(' and ')}`
      const text = `${viewer.name}, who runs "${program.name}", is checking in: it is a good moment to plan your next session${withWhom}. Pick a time in your workspace: ${deps.publicUrl}${link}`
      return {
        personId: m.person_id,
        kind: 'match_nudge',
        title: 'Time to plan your next session',
        body: `${viewer.name} is checking in: plan your next session${withWhom} in "${program.name}".`,
        link,
        email: { to: m.email, subject: `Plan your next session in ${program.name}`, text },
      }
    })
    const sent = await deliverNotificationsOnce(trx, deps, viewer.organizationId, key, notices)
    if (!sent) {
      throw new AppError(
        'nudge_already_sent',
        `This pair was already nudged today (${sentOn}, UTC); you can nudge them again tomorrow`,
      )
    }
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'match.nudged',
      targetType: 'match',
      targetId: match.id,
      details: { people: notices.length },
    })
    return { matchId: match.id, sentOn, notified: notices.length, emailed: sent.sent }
  })
}
