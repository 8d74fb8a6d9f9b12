import type { z } from 'zod'
import { DAY } from '#contracts/durations.ts'
import type {
  AtRiskMatch,
  AtRiskReasonCode,
  ProgramInsights,
  SkillGrowthSchema,
  WellbeingWeekSchema,
} from '#contracts/insights.ts'
import { weekStartOf } from '#server/modules/wellbeing/wellbeing-trend.ts'
import { groupBy } from './group-by.ts'
import { FIT_CONCERN_LABEL, withholdBelowThreshold as guard, hiddenReasonFor, nulls } from './privacy-threshold.ts'

/**
 * The dashboard's arithmetic over plain rows: no SQL, no clock, no threshold lookup, so every
 * figure can be checked by hand in a unit test. The rows never carry private text (the repository
 * selects numbers and statuses only).
 */

export interface InsightProgram {
  id: string
  name: string
  type: 'peer_coaching' | 'coaching_circle' | 'peer_mentoring'
  status: 'draft' | 'enrolling' | 'matching' | 'active' | 'completed' | 'archived'
  cadenceDays: number
  targetSessionCount: number
  focusSkills: { slug: string; name: string }[]
}

export interface InsightRows {
  program: InsightProgram
  /** People the program is open to (active or invited, within its eligibility), plus anyone enrolled. */
  eligiblePersonIds: string[]
  enrollments: { personId: string; status: string; selfAssessment: Record<string, number> }[]
  /** Matches past proposal (published, active, completed, dissolved, declined). */
  matches: { id: string; status: string; publishedAt: Date | null }[]
  members: { matchId: string; personId: string; name: string; department: string; response: string }[]
  sessions: { matchId: string; status: string; startsAt: Date; coachId: string | null }[]
  goals: { matchId: string; ownerId: string; status: string; progress: number }[]
  feedback: { giverId: string | null; listening: number; questions: number; helpfulness: number }[]
  checkIns: { personId: string; mood: number; stress: number; createdAt: Date }[]
  fitAnswers: { matchId: string; personId: string; fit: number | null; keepPairing: string | null }[]
  closingSurveys: {
    matchId: string
    personId: string
    satisfaction: number | null
    wouldRecommend: number | null
    selfAssessment: Record<string, number>
  }[]
  openRepairRequestMatchIds: string[]
}

/** Matches that went ahead: their sessions, goals and ties count. */
const WENT_AHEAD = ['active', 'completed', 'dissolved']
/** A member already in one of these is not waiting for a new partner. */
const CURRENT = ['proposed', 'published', 'active', 'completed']

const round1 = (value: number) => Math.round(value * 10) / 10
export const round2 = (value: number) => Math.round(value * 100) / 100
export const percentOf = (part: number, whole: number) => (whole === 0 ? null : round1((part / whole) * 100))
const averageOf = (values: number[]) =>
  values.length === 0 ? null : round2(values.reduce((sum, v) => sum + v, 0) / values.length)

/** A fit answer that needs the program manager: rated 1-2, or would rather not keep the pairing. */
export const isFitConcern = (f: { fit: number | null; keepPairing: string | null }) =>
  (f.fit !== null && f.fit <= 2) || f.keepPairing === 'no'

/** The dashboard computed from every row: the whole at-risk list rather than its first page. */
export type ComputedInsights = Omit<ProgramInsights, 'generatedAt' | 'asOf' | 'atRiskPaging'>

/**
 * Every figure of a program's dashboard, hidden where it counts fewer than `threshold` people,
 * from every row of the program: the reference the SQL aggregates (insight-aggregates.ts) are
 * tested against, and the match page's arithmetic.
 */
export function computeProgramInsights(rows: InsightRows, now: Date, threshold: number): ComputedInsights {
  const { program } = rows
  const membersOf = groupBy(rows.members, (m) => m.matchId)
  const wentAhead = rows.matches.filter((m) => WENT_AHEAD.includes(m.status))
  const wentAheadIds = new Set(wentAhead.map((m) => m.id))
  const peopleIn = (matchIds: Iterable<string>) => {
    const ids = new Set<string>()
    for (const id of matchIds) for (const m of membersOf.get(id) ?? []) ids.add(m.personId)
    return ids.size
  }
  const heldSessions = rows.sessions.filter((s) => s.status === 'held' && s.startsAt.getTime() <= now.getTime())
  const heldBy = groupBy(heldSessions, (s) => s.matchId)
  const lastHeld = (matchId: string) => {
    const times = (heldBy.get(matchId) ?? []).map((s) => s.startsAt.getTime())
    return times.length === 0 ? null : Math.max(...times)
  }

  // Participation: enrolled of eligible.
  const enrolled = new Set(rows.enrollments.filter((e) => e.status === 'enrolled').map((e) => e.personId))
  const eligible = new Set([...rows.eligiblePersonIds, ...enrolled])
  const participation = guard(
    eligible.size,
    threshold,
    { enrolled: enrolled.size, eligible: eligible.size, percent: percentOf(enrolled.size, eligible.size) },
    nulls('enrolled', 'eligible', 'percent'),
  )

  // Acceptance: every member of a published match, by response.
  const publishedIds = rows.matches.filter((m) => m.publishedAt !== null).map((m) => m.id)
  const responses = publishedIds.flatMap((id) => membersOf.get(id) ?? [])
  const countResponse = (r: string) => responses.filter((m) => m.response === r).length
  const acceptance = guard(
    peopleIn(publishedIds),
    threshold,
    {
      members: responses.length,
      accepted: countResponse('accepted'),
      declined: countResponse('declined'),
      pending: countResponse('pending'),
      acceptedPercent: percentOf(countResponse('accepted'), responses.length),
    },
    nulls('members', 'accepted', 'declined', 'pending', 'acceptedPercent'),
  )

  // Sessions held against the target, per match and overall.
  const target = program.targetSessionCount
  const heldPerMatch = wentAhead.map((m) => heldBy.get(m.id)?.length ?? 0)
  const held = heldPerMatch.reduce((sum, n) => sum + n, 0)
  const distribution = Array.from({ length: target + 1 }, (_, k) => ({
    held: k,
    isTargetOrMore: k === target,
    matches: heldPerMatch.filter((n) => (k === target ? n >= target : n === k)).length,
  }))
  const sessionsPeople = peopleIn(wentAheadIds)
  const sessionsShown = hiddenReasonFor(sessionsPeople, threshold) === null
  const sessions = {
    ...guard(
      sessionsPeople,
      threshold,
      {
        matches: wentAhead.length,
        held,
        target: wentAhead.length * target,
        percent: percentOf(held, wentAhead.length * target),
        averagePerMatch: averageOf(heldPerMatch),
        matchesAtTarget: heldPerMatch.filter((n) => n >= target).length,
      },
      nulls('matches', 'held', 'target', 'percent', 'averagePerMatch', 'matchesAtTarget'),
    ),
    targetPerMatch: target,
    distribution: sessionsShown ? distribution : [],
  }

  // Active matches: a held session within the last two cadence periods.
  const windowDays = program.cadenceDays * 2
  const activeMatches = rows.matches.filter((m) => m.status === 'active')
  const recentlyMet = activeMatches.filter((m) => {
    const last = lastHeld(m.id)
    return last !== null && now.getTime() - last <= windowDays * DAY
  })
  const activeShare = {
    ...guard(
      peopleIn(activeMatches.map((m) => m.id)),
      threshold,
      {
        matches: activeMatches.length,
        active: recentlyMet.length,
        percent: percentOf(recentlyMet.length, activeMatches.length),
      },
      nulls('matches', 'active', 'percent'),
    ),
    windowDays,
  }

  // Goal attainment: achieved of set, and the average progress.
  const goalRows = rows.goals
  const goals = guard(
    new Set(goalRows.map((g) => g.ownerId)).size,
    threshold,
    {
      set: goalRows.length,
      achieved: goalRows.filter((g) => g.status === 'achieved').length,
      inProgress: goalRows.filter((g) => g.status === 'active').length,
      dropped: goalRows.filter((g) => g.status === 'dropped').length,
      percent: percentOf(goalRows.filter((g) => g.status === 'achieved').length, goalRows.length),
      averageProgress: averageOf(goalRows.map((g) => g.progress)),
    },
    nulls('set', 'achieved', 'inProgress', 'dropped', 'percent', 'averageProgress'),
  )

  // Skill growth: closing self-assessment minus the enrollment's, per focus skill, people with both.
  const preOf = new Map(rows.enrollments.map((e) => [e.personId, e.selfAssessment]))
  const skillGrowth: z.infer<typeof SkillGrowthSchema>[] = program.focusSkills.map((skill) => {
    const pairs: { pre: number; post: number }[] = []
    const seen = new Set<string>()
    for (const survey of rows.closingSurveys) {
      if (seen.has(survey.personId)) continue
      const pre = preOf.get(survey.personId)?.[skill.slug]
      const post = survey.selfAssessment[skill.slug]
      if (typeof pre !== 'number' || typeof post !== 'number') continue
      seen.add(survey.personId)
      pairs.push({ pre, post })
    }
    return {
      slug: skill.slug,
      name: skill.name,
      ...guard(
        pairs.length,
        threshold,
        {
          averagePre: averageOf(pairs.map((p) => p.pre)),
          averagePost: averageOf(pairs.map((p) => p.post)),
          averageGrowth: averageOf(pairs.map((p) => p.post - p.pre)),
        },
        nulls('averagePre', 'averagePost', 'averageGrowth'),
      ),
    }
  })

  // Feedback ratings: averages over the forms, counted by distinct givers.
  const feedback = guard(
    new Set(rows.feedback.flatMap((f) => (f.giverId ? [f.giverId] : []))).size,
    threshold,
    {
      forms: rows.feedback.length,
      listening: averageOf(rows.feedback.map((f) => f.listening)),
      questions: averageOf(rows.feedback.map((f) => f.questions)),
      helpfulness: averageOf(rows.feedback.map((f) => f.helpfulness)),
    },
    nulls('forms', 'listening', 'questions', 'helpfulness'),
  )

  // Satisfaction and NPS from closing surveys.
  const recommend = rows.closingSurveys.flatMap((s) => (s.wouldRecommend === null ? [] : [s.wouldRecommend]))
  const promoters = recommend.filter((r) => r >= 9).length
  const detractors = recommend.filter((r) => r <= 6).length
  const satisfaction = guard(
    new Set(rows.closingSurveys.map((s) => s.personId)).size,
    threshold,
    {
      responses: rows.closingSurveys.length,
      averageSatisfaction: averageOf(
        rows.closingSurveys.flatMap((s) => (s.satisfaction === null ? [] : [s.satisfaction])),
      ),
      promoters,
      passives: recommend.length - promoters - detractors,
      detractors,
      nps: recommend.length === 0 ? null : Math.round(((promoters - detractors) / recommend.length) * 100),
    },
    nulls('responses', 'averageSatisfaction', 'promoters', 'passives', 'detractors', 'nps'),
  )

  // Wellbeing trend: average mood and stress per week; each week hidden on its own.
  const weeks = groupBy(rows.checkIns, (c) => weekStartOf(c.createdAt))
  const wellbeingPeople = new Set(rows.checkIns.map((c) => c.personId)).size
  const wellbeingWeeks: z.infer<typeof WellbeingWeekSchema>[] = [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, checkIns]) => ({
      weekStart,
      ...guard(
        new Set(checkIns.map((c) => c.personId)).size,
        threshold,
        {
          checkIns: checkIns.length,
          averageMood: averageOf(checkIns.map((c) => c.mood)),
          averageStress: averageOf(checkIns.map((c) => c.stress)),
        },
        nulls('checkIns', 'averageMood', 'averageStress'),
      ),
    }))
  const wellbeingReason = hiddenReasonFor(wellbeingPeople, threshold)
  const wellbeing = {
    people: wellbeingPeople,
    isHidden: wellbeingReason !== null,
    hiddenReason: wellbeingReason,
    weeks: wellbeingReason === null ? wellbeingWeeks : [],
  }

  // Give-and-take: in peer coaching pairs, did each member coach about as often as the other?
  const isPeerCoaching = program.type === 'peer_coaching'
  const pairs = wentAhead.flatMap((m) => {
    const members = membersOf.get(m.id) ?? []
    const coached = (heldBy.get(m.id) ?? []).filter((s) => s.coachId !== null)
    if (members.length !== 2 || coached.length === 0) return []
    const [a, b] = members.map((member) => coached.filter((s) => s.coachId === member.personId).length)
    return [{ matchId: m.id, isBalanced: Math.abs(a - b) <= 1 }]
  })
  const giveAndTakeBase = guard(
    isPeerCoaching ? peopleIn(pairs.map((p) => p.matchId)) : 0,
    threshold,
    {
      pairs: pairs.length,
      balancedPairs: pairs.filter((p) => p.isBalanced).length,
      percent: percentOf(pairs.filter((p) => p.isBalanced).length, pairs.length),
    },
    nulls('pairs', 'balancedPairs', 'percent'),
  )
  const giveAndTake = isPeerCoaching
    ? { ...giveAndTakeBase, isApplicable: true }
    : {
        ...giveAndTakeBase,
        isApplicable: false,
        isHidden: true,
        hiddenReason: 'Give-and-take is measured in peer coaching, where the two peers take turns coaching.',
      }

  // Cross-department ties: matches that went ahead whose members are not all in one department.
  const crossIds = wentAhead.filter((m) => new Set((membersOf.get(m.id) ?? []).map((p) => p.department)).size > 1)
  const crossDepartment = guard(
    sessionsPeople,
    threshold,
    {
      matches: wentAhead.length,
      crossDepartment: crossIds.length,
      percent: percentOf(crossIds.length, wentAhead.length),
    },
    nulls('matches', 'crossDepartment', 'percent'),
  )

  return {
    programId: program.id,
    programName: program.name,
    programType: program.type,
    programStatus: program.status,
    threshold,
    cadenceDays: program.cadenceDays,
    participation,
    acceptance,
    sessions,
    activeMatches: activeShare,
    goals,
    skillGrowth,
    feedback,
    satisfaction,
    wellbeing,
    giveAndTake,
    crossDepartment,
    atRisk: listAtRiskMatches(rows, now, { membersOf, lastHeld }),
  }
}

const ACTION_LABELS = { nudge: 'Nudge the pair', talk_to_pair: 'Talk to the pair', re_pair: 'Re-pair' } as const

const days = (ms: number) => Math.floor(ms / DAY)

/** The plain-words reasons and actions for a match's at-risk codes (shared with the aggregate path). */
export function describeAtRiskReasons(
  codes: AtRiskReasonCode[],
  match: { lastHeld: number | null; publishedAt: number | null },
  now: Date,
  cadence: number,
): AtRiskMatch['reasons'] {
  return codes.map((code) => {
    switch (code) {
      case 'no_recent_session': {
        const quiet = now.getTime() - Math.max(match.lastHeld ?? 0, match.publishedAt ?? 0)
        return {
          code,
          label:
            match.lastHeld === null
              ? `No session held in the ${days(quiet)} days since the match was published (cadence ${cadence} days)`
              : `No session held for ${days(quiet)} days (cadence ${cadence} days)`,
          action: 'nudge',
          actionLabel: ACTION_LABELS.nudge,
        }
      }
      case 'poor_fit':
        // Never how many or which members: in a pair, "both" would tell each member's answer.
        return { code, label: FIT_CONCERN_LABEL, action: 'talk_to_pair', actionLabel: ACTION_LABELS.talk_to_pair }
      case 'repair_requested':
        return { code, label: 'A member asked to be re-paired', action: 're_pair', actionLabel: ACTION_LABELS.re_pair }
      default:
        return {
          code: 'declined',
          label: 'The match was declined and its members are not matched again yet',
          action: 're_pair',
          actionLabel: ACTION_LABELS.re_pair,
        }
    }
  })
}

/**
 * Matches that need a program manager: no held session for twice the cadence (since the later of
 * publication and the last session), a poor pairing fit, an open re-pair request, or a decline whose
 * members are not matched again. Lists matches and names, never what anyone wrote.
 */
function listAtRiskMatches(
  rows: InsightRows,
  now: Date,
  index: {
    membersOf: Map<string, InsightRows['members']>
    lastHeld: (matchId: string) => number | null
  },
): AtRiskMatch[] {
  const cadence = rows.program.cadenceDays
  const fitAnswersOf = groupBy(rows.fitAnswers, (f) => f.matchId)
  const openRepairs = new Set(rows.openRepairRequestMatchIds)
  const currentlyMatched = new Set(
    rows.matches
      .filter((m) => CURRENT.includes(m.status))
      .flatMap((m) => (index.membersOf.get(m.id) ?? []).map((p) => p.personId)),
  )
  const result: AtRiskMatch[] = []
  for (const match of rows.matches) {
    const codes: AtRiskReasonCode[] = []
    const members = index.membersOf.get(match.id) ?? []
    const last = index.lastHeld(match.id)
    if (match.status === 'active') {
      const since = Math.max(last ?? 0, match.publishedAt?.getTime() ?? 0)
      if (since > 0 && now.getTime() - since >= 2 * cadence * DAY) codes.push('no_recent_session')
      if ((fitAnswersOf.get(match.id) ?? []).some(isFitConcern)) codes.push('poor_fit')
      if (openRepairs.has(match.id)) codes.push('repair_requested')
    }
    if (match.status === 'declined' && members.some((m) => !currentlyMatched.has(m.personId))) codes.push('declined')
    const reasons = describeAtRiskReasons(
      codes,
      { lastHeld: last, publishedAt: match.publishedAt?.getTime() ?? null },
      now,
      cadence,
    )
    if (reasons.length === 0) continue
    result.push({
      matchId: match.id,
      status: match.status,
      members: members.map((m) => ({ personId: m.personId, name: m.name })),
      lastSessionAt: last === null ? null : new Date(last).toISOString(),
      reasons,
    })
  }
  const firstName = (m: AtRiskMatch) => m.members.map((p) => p.name).sort()[0] ?? ''
  return result.sort((a, b) => b.reasons.length - a.reasons.length || firstName(a).localeCompare(firstName(b)))
}
