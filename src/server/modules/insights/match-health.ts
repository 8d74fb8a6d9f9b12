import { DAY } from '#contracts/durations.ts'
import type { AtRiskMatch, MatchHealth } from '#contracts/insights.ts'
import { toIso } from '#server/db/to-iso.ts'
import { type InsightRows, isFitConcern } from './insight-figures.ts'
import { hiddenReasonFor, nulls, withholdBelowThreshold } from './privacy-threshold.ts'

/**
 * One match's health, from the program's insight rows (numbers and statuses only) and the match's
 * own dates: plain arithmetic, no SQL and no clock, so a test can check it by hand.
 */

/** The rows the match page reads: its program's settings and this match's sessions, goals and fit answers. */
export interface MatchRows {
  program: Pick<InsightRows['program'], 'id' | 'name' | 'type' | 'cadenceDays' | 'targetSessionCount'>
  sessions: InsightRows['sessions']
  goals: InsightRows['goals']
  fitAnswers: InsightRows['fitAnswers']
}

export interface MatchHealthInput {
  rows: MatchRows
  match: { id: string; status: string; publishedAt: Date | null; endedAt: Date | null }
  members: {
    personId: string
    name: string
    department: string
    role: string
    response: string
    respondedAt: Date | null
  }[]
  repairOpenedAt: Date | null
  atRiskReasons: AtRiskMatch['reasons']
  isNudgedToday: boolean
  /** The organization's privacy threshold. */
  threshold: number
  now: Date
}

const round2 = (value: number) => Math.round(value * 100) / 100

/** The match page's figures; a nudge is possible for an active match not yet nudged today. */
export function computeMatchHealth(input: MatchHealthInput): Omit<MatchHealth, 'generatedAt'> {
  const { rows, match, now, threshold } = input
  const sessions = rows.sessions.filter((s) => s.matchId === match.id)
  const held = sessions.filter((s) => s.status === 'held' && s.startsAt.getTime() <= now.getTime())
  const upcoming = sessions.filter((s) => s.status === 'scheduled' && s.startsAt.getTime() > now.getTime())
  const last = held.length === 0 ? null : Math.max(...held.map((s) => s.startsAt.getTime()))
  const next = upcoming.length === 0 ? null : Math.min(...upcoming.map((s) => s.startsAt.getTime()))
  const goals = rows.goals.filter((g) => g.matchId === match.id)
  const fit = rows.fitAnswers.filter((f) => f.matchId === match.id)
  const hasEveryoneAccepted = input.members.length > 0 && input.members.every((m) => m.response === 'accepted')
  const acceptances = input.members.flatMap((m) => (m.respondedAt ? [m.respondedAt.getTime()] : []))
  const acceptedAt =
    hasEveryoneAccepted && acceptances.length === input.members.length ? new Date(Math.max(...acceptances)) : null
  return {
    matchId: match.id,
    programId: rows.program.id,
    programName: rows.program.name,
    programType: rows.program.type,
    status: match.status,
    members: input.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      department: m.department,
      role: m.role,
      response: m.response,
      respondedAt: toIso(m.respondedAt),
    })),
    publishedAt: toIso(match.publishedAt),
    acceptedAt: toIso(acceptedAt),
    endedAt: toIso(match.endedAt),
    cadenceDays: rows.program.cadenceDays,
    sessions: {
      held: held.length,
      scheduled: upcoming.length,
      cancelled: sessions.filter((s) => s.status === 'cancelled').length,
      missed: sessions.filter((s) => s.status === 'missed').length,
      target: rows.program.targetSessionCount,
    },
    lastSessionAt: last === null ? null : new Date(last).toISOString(),
    nextSessionAt: next === null ? null : new Date(next).toISOString(),
    daysSinceLastSession: last === null ? null : Math.floor((now.getTime() - last) / DAY),
    threshold,
    goals: withholdBelowThreshold(
      new Set(goals.map((g) => g.ownerId)).size,
      threshold,
      {
        set: goals.length,
        achieved: goals.filter((g) => g.status === 'achieved').length,
        inProgress: goals.filter((g) => g.status === 'active').length,
        dropped: goals.filter((g) => g.status === 'dropped').length,
      },
      nulls('set', 'achieved', 'inProgress', 'dropped'),
    ),
    fit: fitFigure(fit, input.members.length, threshold),
    repairRequest: { isOpen: input.repairOpenedAt !== null, openedAt: toIso(input.repairOpenedAt) },
    atRiskReasons: input.atRiskReasons,
    nudge: { canNudge: match.status === 'active' && !input.isNudgedToday, isNudgedToday: input.isNudgedToday },
  }
}

/**
 * The pairing-fit answers of one match. Totals appear over at least `threshold` answerers. Below
 * it, only whether a concern was raised; and in a match smaller than the threshold, not even how
 * many answered (with "1 answer, concern raised", knowing who answered would tell their answer).
 */
function fitFigure(fit: InsightRows['fitAnswers'], memberCount: number, threshold: number): MatchHealth['fit'] {
  const fits = fit.flatMap((f) => (f.fit === null ? [] : [f.fit]))
  const keep = (answer: string) => fit.filter((f) => f.keepPairing === answer).length
  const answerers = new Set(fit.map((f) => f.personId)).size
  const figure = withholdBelowThreshold(
    answerers,
    threshold,
    {
      answers: fit.length,
      averageFit: fits.length === 0 ? null : round2(fits.reduce((sum, v) => sum + v, 0) / fits.length),
      keepPairing: { yes: keep('yes'), unsure: keep('unsure'), no: keep('no') },
    },
    nulls('answers', 'averageFit', 'keepPairing'),
  )
  const isConcernRaised = fit.some(isFitConcern)
  if (!figure.isHidden || memberCount >= threshold) return { ...figure, isConcernRaised }
  return { ...figure, people: memberCount, hiddenReason: hiddenReasonFor(memberCount, threshold), isConcernRaised }
}

/** The once-per-day key of a program manager's nudge: the UTC day it is sent on. */
export function nudgeDeliveryKey(matchId: string, now: Date): string {
  return `pm-nudge:${matchId}:${now.toISOString().slice(0, 10)}`
}
