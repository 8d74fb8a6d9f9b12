import { DAY } from '#contracts/durations.ts'
import {
  AT_RISK_PAGE_SIZE,
  type AtRiskMatch,
  type AtRiskPage,
  type AtRiskReasonCode,
  type AtRiskSort,
  type ProgramInsights,
} from '#contracts/insights.ts'
import type { Eligibility } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import {
  type AtRiskRow,
  countParticipation,
  listAtRiskPage,
  type MatchFigureSums,
  sumClosingSurveys,
  sumFeedbackRatings,
  sumGoals,
  sumMatchFigures,
  sumSkillGrowth,
  sumWellbeingWeeks,
} from './insight-aggregates.repository.ts'
import { describeAtRiskReasons, type InsightProgram, percentOf, round2 } from './insight-figures.ts'
import { withholdBelowThreshold as guard, hiddenReasonFor, nulls } from './privacy-threshold.ts'

/**
 * The program dashboard from SQL aggregates (issue #14): the same figures as
 * `computeProgramInsights` (insight-figures.ts), which reads every row of the program, but the
 * database counts and sums and only a page of the at-risk list is read. The same rounding and the
 * same privacy threshold apply; insight-aggregates.test.ts compares both on generated programs.
 */

const averageOf = (sum: number, count: number) => (count === 0 ? null : round2(sum / count))

export interface AggregateProgram extends InsightProgram {
  eligibility: Eligibility
}

/** An at-risk match as the API shows it, its reasons worded at `now`. */
export function toAtRiskMatch(row: AtRiskRow, now: Date, cadence: number): AtRiskMatch {
  return {
    matchId: row.matchId,
    status: row.status,
    members: row.members,
    lastSessionAt: row.lastHeld === null ? null : row.lastHeld.toISOString(),
    reasons: describeAtRiskReasons(
      row.reasons,
      { lastHeld: row.lastHeld?.getTime() ?? null, publishedAt: row.publishedAt?.getTime() ?? null },
      now,
      cadence,
    ),
  }
}

/** One page of the program's at-risk matches in the given order, with the totals (no threshold: names only). */
export async function loadAtRiskPage(
  db: Db,
  organizationId: string,
  program: { id: string; cadenceDays: number },
  now: Date,
  page: { sort: AtRiskSort; limit: number | null; offset: number; matchId?: string },
): Promise<AtRiskPage> {
  const result = await listAtRiskPage(
    db,
    { organizationId, programId: program.id },
    { now, quietSince: quietSinceOf(now, program.cadenceDays), ...page },
  )
  return {
    total: result.total,
    countsByReason: result.counts,
    sort: page.sort,
    limit: page.limit ?? result.total,
    offset: page.offset,
    asOf: now.toISOString(),
    matches: result.rows.map((row) => toAtRiskMatch(row, now, program.cadenceDays)),
  }
}

/** What the sums depend on besides the rows: the program's settings (a snapshot keeps the ones it used). */
export interface SumsProgram {
  id: string
  cadenceDays: number
  targetSessionCount: number
  focusSkills: { slug: string }[]
  eligibility: Eligibility
}

/** An at-risk match as a snapshot keeps it: ids, statuses and instants, never a name (names are read when shown). */
export interface StoredAtRiskMatch {
  matchId: string
  status: string
  publishedAt: string | null
  lastHeld: string | null
  reasons: AtRiskReasonCode[]
  memberIds: string[]
}

/**
 * A program's counts and sums at one instant, before any division, rounding or threshold: what
 * `program_insight_snapshots.sums` holds as JSON (whole numbers, statuses and ids only), and what
 * `programInsightsFromSums` turns into the dashboard.
 */
export interface ProgramSums {
  matches: Omit<MatchFigureSums, 'distribution'> & { distribution: [number, number][] }
  participants: { enrolled: number; eligible: number }
  goals: Awaited<ReturnType<typeof sumGoals>>
  feedback: Awaited<ReturnType<typeof sumFeedbackRatings>>
  closing: Awaited<ReturnType<typeof sumClosingSurveys>>
  growth: [string, { people: number; pre: number; post: number; growth: number }][]
  wellbeing: Awaited<ReturnType<typeof sumWellbeingWeeks>>
  atRisk: { total: number; countsByReason: Record<AtRiskReasonCode, number>; firstPage: StoredAtRiskMatch[] }
}

/** A program's counts and sums but the at-risk list's. */
export type ProgramFigureSums = Omit<ProgramSums, 'atRisk'>

/** Counts and sums every figure of a program's dashboard at `now` but the at-risk list. */
export async function sumProgramFigures(
  db: Db,
  organizationId: string,
  program: SumsProgram,
  now: Date,
): Promise<ProgramFigureSums> {
  const scope = { organizationId, programId: program.id }
  const windowDays = program.cadenceDays * 2
  const [matches, participants, goals, feedback, closing, growth, wellbeing] = await Promise.all([
    sumMatchFigures(db, scope, {
      now,
      target: program.targetSessionCount,
      activeSince: new Date(now.getTime() - windowDays * DAY),
    }),
    countParticipation(db, scope, program.eligibility),
    sumGoals(db, scope),
    sumFeedbackRatings(db, scope),
    sumClosingSurveys(db, scope),
    sumSkillGrowth(
      db,
      scope,
      program.focusSkills.map((s) => s.slug),
    ),
    sumWellbeingWeeks(db, scope),
  ])
  return {
    matches: { ...matches, distribution: [...matches.distribution] },
    participants,
    goals,
    feedback,
    closing,
    growth: [...growth],
    wellbeing,
  }
}

/** The at-risk list as a snapshot keeps it: the totals and the first page's ids, statuses and instants. */
export function toStoredAtRisk(
  total: number,
  countsByReason: Record<AtRiskReasonCode, number>,
  firstPage: AtRiskRow[],
): ProgramSums['atRisk'] {
  return {
    total,
    countsByReason,
    firstPage: firstPage.map((row) => ({
      matchId: row.matchId,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      lastHeld: row.lastHeld?.toISOString() ?? null,
      reasons: row.reasons,
      memberIds: row.members.map((m) => m.personId),
    })),
  }
}

/** When a match counts as quiet at `now`: no held session since twice the cadence. */
export const quietSinceOf = (now: Date, cadenceDays: number) => new Date(now.getTime() - 2 * cadenceDays * DAY)

/**
 * Counts and sums every figure of a program's dashboard at `now`, and the first page of its
 * at-risk list (most reasons first), with the names of that page's members kept apart.
 */
export async function sumProgramInsights(
  db: Db,
  organizationId: string,
  program: SumsProgram,
  now: Date,
): Promise<{ sums: ProgramSums; names: Map<string, string> }> {
  const [figures, atRisk] = await Promise.all([
    sumProgramFigures(db, organizationId, program, now),
    listAtRiskPage(
      db,
      { organizationId, programId: program.id },
      {
        now,
        quietSince: quietSinceOf(now, program.cadenceDays),
        sort: 'attention',
        limit: AT_RISK_PAGE_SIZE,
        offset: 0,
      },
    ),
  ])
  const names = new Map(atRisk.rows.flatMap((row) => row.members.map((m): [string, string] => [m.personId, m.name])))
  return { sums: { ...figures, atRisk: toStoredAtRisk(atRisk.total, atRisk.counts, atRisk.rows) }, names }
}

/** Every figure of a program's dashboard computed now, hidden below `threshold`, and the first page of the at-risk list. */
export async function aggregateProgramInsights(
  db: Db,
  organizationId: string,
  program: AggregateProgram,
  now: Date,
  threshold: number,
): Promise<Omit<ProgramInsights, 'generatedAt' | 'asOf'>> {
  const { sums, names } = await sumProgramInsights(db, organizationId, program, now)
  return programInsightsFromSums(program, sums, now, threshold, names)
}

/**
 * The dashboard from a program's sums taken at `asOf`: the same divisions, rounding and privacy
 * threshold as the computation from every row (the threshold is the organization's current one).
 * `names` gives the at-risk members' names (read when shown; an unknown id shows no name).
 */
export function programInsightsFromSums(
  program: InsightProgram,
  sums: ProgramSums,
  asOf: Date,
  threshold: number,
  names: Map<string, string>,
): Omit<ProgramInsights, 'generatedAt' | 'asOf'> {
  const target = program.targetSessionCount
  const windowDays = program.cadenceDays * 2
  const matches = { ...sums.matches, distribution: new Map(sums.matches.distribution) }
  const { participants, goals: goalSums, feedback: feedbackSums, closing, wellbeing: wellbeingSums } = sums
  const growth = new Map(sums.growth)
  const participation = guard(
    participants.eligible,
    threshold,
    {
      enrolled: participants.enrolled,
      eligible: participants.eligible,
      percent: percentOf(participants.enrolled, participants.eligible),
    },
    nulls('enrolled', 'eligible', 'percent'),
  )
  const acceptance = guard(
    matches.membersPeople,
    threshold,
    {
      members: matches.members,
      accepted: matches.accepted,
      declined: matches.declined,
      pending: matches.pending,
      acceptedPercent: percentOf(matches.accepted, matches.members),
    },
    nulls('members', 'accepted', 'declined', 'pending', 'acceptedPercent'),
  )
  const sessionsShown = hiddenReasonFor(matches.wentAheadPeople, threshold) === null
  const sessions = {
    ...guard(
      matches.wentAheadPeople,
      threshold,
      {
        matches: matches.wentAhead,
        held: matches.held,
        target: matches.wentAhead * target,
        percent: percentOf(matches.held, matches.wentAhead * target),
        averagePerMatch: averageOf(matches.held, matches.wentAhead),
        matchesAtTarget: matches.atTarget,
      },
      nulls('matches', 'held', 'target', 'percent', 'averagePerMatch', 'matchesAtTarget'),
    ),
    targetPerMatch: target,
    distribution: sessionsShown
      ? Array.from({ length: target + 1 }, (_, k) => ({
          held: k,
          isTargetOrMore: k === target,
          matches: matches.distribution.get(k) ?? 0,
        }))
      : [],
  }
  const activeMatches = {
    ...guard(
      matches.activePeople,
      threshold,
      {
        matches: matches.activeMatches,
        active: matches.recentlyMet,
        percent: percentOf(matches.recentlyMet, matches.activeMatches),
      },
      nulls('matches', 'active', 'percent'),
    ),
    windowDays,
  }
  const goals = guard(
    goalSums.owners,
    threshold,
    {
      set: goalSums.set,
      achieved: goalSums.achieved,
      inProgress: goalSums.inProgress,
      dropped: goalSums.dropped,
      percent: percentOf(goalSums.achieved, goalSums.set),
      averageProgress: averageOf(goalSums.progress, goalSums.set),
    },
    nulls('set', 'achieved', 'inProgress', 'dropped', 'percent', 'averageProgress'),
  )
  const skillGrowth = program.focusSkills.map((skill) => {
    const sums = growth.get(skill.slug) ?? { people: 0, pre: 0, post: 0, growth: 0 }
    return {
      slug: skill.slug,
      name: skill.name,
      ...guard(
        sums.people,
        threshold,
        {
          averagePre: averageOf(sums.pre, sums.people),
          averagePost: averageOf(sums.post, sums.people),
          averageGrowth: averageOf(sums.growth, sums.people),
        },
        nulls('averagePre', 'averagePost', 'averageGrowth'),
      ),
    }
  })
  const feedback = guard(
    feedbackSums.givers,
    threshold,
    {
      forms: feedbackSums.forms,
      listening: averageOf(feedbackSums.listening, feedbackSums.forms),
      questions: averageOf(feedbackSums.questions, feedbackSums.forms),
      helpfulness: averageOf(feedbackSums.helpfulness, feedbackSums.forms),
    },
    nulls('forms', 'listening', 'questions', 'helpfulness'),
  )
  const satisfaction = guard(
    closing.people,
    threshold,
    {
      responses: closing.responses,
      averageSatisfaction: averageOf(closing.satisfactionSum, closing.satisfactionCount),
      promoters: closing.promoters,
      passives: closing.recommendCount - closing.promoters - closing.detractors,
      detractors: closing.detractors,
      nps:
        closing.recommendCount === 0
          ? null
          : Math.round(((closing.promoters - closing.detractors) / closing.recommendCount) * 100),
    },
    nulls('responses', 'averageSatisfaction', 'promoters', 'passives', 'detractors', 'nps'),
  )
  const wellbeingReason = hiddenReasonFor(wellbeingSums.people, threshold)
  const wellbeing = {
    people: wellbeingSums.people,
    isHidden: wellbeingReason !== null,
    hiddenReason: wellbeingReason,
    weeks:
      wellbeingReason === null
        ? wellbeingSums.weeks.map((week) => ({
            weekStart: week.weekStart,
            ...guard(
              week.people,
              threshold,
              {
                checkIns: week.checkIns,
                averageMood: averageOf(week.mood, week.checkIns),
                averageStress: averageOf(week.stress, week.checkIns),
              },
              nulls('checkIns', 'averageMood', 'averageStress'),
            ),
          }))
        : [],
  }
  const isPeerCoaching = program.type === 'peer_coaching'
  const giveAndTakeBase = guard(
    isPeerCoaching ? matches.pairPeople : 0,
    threshold,
    {
      pairs: matches.pairs,
      balancedPairs: matches.balancedPairs,
      percent: percentOf(matches.balancedPairs, matches.pairs),
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
  const crossDepartment = guard(
    matches.wentAheadPeople,
    threshold,
    {
      matches: matches.wentAhead,
      crossDepartment: matches.crossDepartment,
      percent: percentOf(matches.crossDepartment, matches.wentAhead),
    },
    nulls('matches', 'crossDepartment', 'percent'),
  )
  const atRisk = sums.atRisk.firstPage.map((row) =>
    toAtRiskMatch(
      {
        matchId: row.matchId,
        status: row.status,
        publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt),
        lastHeld: row.lastHeld === null ? null : new Date(row.lastHeld),
        reasons: row.reasons,
        members: row.memberIds.map((personId) => ({ personId, name: names.get(personId) ?? '' })),
      },
      asOf,
      program.cadenceDays,
    ),
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
    activeMatches,
    goals,
    skillGrowth,
    feedback,
    satisfaction,
    wellbeing,
    giveAndTake,
    crossDepartment,
    atRisk,
    atRiskPaging: {
      total: sums.atRisk.total,
      countsByReason: sums.atRisk.countsByReason,
      sort: 'attention',
      limit: AT_RISK_PAGE_SIZE,
      offset: 0,
    },
  }
}
