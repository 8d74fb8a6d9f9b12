import { z } from 'zod'
import { ProgramStatusSchema, ProgramTypeSchema } from './programs.ts'

/**
 * Program insights and the organization overview (issue #6). Every aggregate says over how many
 * distinct people it is computed; under the organization's threshold its values are null and
 * `hiddenReason` says why. Nothing here ever carries a reflection, a check-in note or feedback text.
 */

/** Shared by every figure: how many distinct people it counts, and whether it is hidden. */
const Privacy = {
  /** Distinct people the figure is computed over. */
  people: z.number().int(),
  isHidden: z.boolean(),
  /** Why the figure is hidden, in plain words; null when shown. */
  hiddenReason: z.string().nullable(),
}

const Count = z.number().int().nullable()
/** 0-100, one decimal; null when hidden or when there is nothing to divide by. */
const Percent = z.number().nullable()
/** An average, two decimals at most; null when hidden or empty. */
const Average = z.number().nullable()

export const ParticipationSchema = z.object({
  ...Privacy,
  enrolled: Count,
  eligible: Count,
  percent: Percent,
})

export const AcceptanceSchema = z.object({
  ...Privacy,
  /** Members of published matches (one response each). */
  members: Count,
  accepted: Count,
  declined: Count,
  pending: Count,
  acceptedPercent: Percent,
})

export const SessionsFigureSchema = z.object({
  ...Privacy,
  /** Matches that went ahead: active, completed or ended early. */
  matches: Count,
  held: Count,
  /** matches x the program's target session count. */
  target: Count,
  percent: Percent,
  targetPerMatch: z.number().int(),
  averagePerMatch: Average,
  matchesAtTarget: Count,
  /** How many matches held 0, 1, ... sessions; the last bucket is "the target or more". */
  distribution: z.array(z.object({ held: z.number().int(), isTargetOrMore: z.boolean(), matches: z.number().int() })),
})

export const ActiveMatchesSchema = z.object({
  ...Privacy,
  /** A held session within the last two cadence periods. */
  windowDays: z.number().int(),
  matches: Count,
  active: Count,
  percent: Percent,
})

export const GoalsFigureSchema = z.object({
  ...Privacy,
  set: Count,
  achieved: Count,
  inProgress: Count,
  dropped: Count,
  percent: Percent,
  averageProgress: Average,
})

export const SkillGrowthSchema = z.object({
  ...Privacy,
  slug: z.string(),
  name: z.string(),
  averagePre: Average,
  averagePost: Average,
  /** Average of (closing self-assessment - enrollment self-assessment) over people with both. */
  averageGrowth: Average,
})

export const FeedbackRatingsFigureSchema = z.object({
  ...Privacy,
  forms: Count,
  listening: Average,
  questions: Average,
  helpfulness: Average,
})

export const SatisfactionSchema = z.object({
  ...Privacy,
  responses: Count,
  /** 1-5 */
  averageSatisfaction: Average,
  promoters: Count,
  passives: Count,
  detractors: Count,
  /** %promoters (9-10) - %detractors (0-6), a whole number from -100 to 100. */
  nps: z.number().int().nullable(),
})

export const WellbeingWeekSchema = z.object({
  ...Privacy,
  /** Monday (UTC), 'YYYY-MM-DD'. */
  weekStart: z.iso.date(),
  checkIns: Count,
  averageMood: Average,
  averageStress: Average,
})

export const WellbeingFigureSchema = z.object({
  ...Privacy,
  weeks: z.array(WellbeingWeekSchema),
})

export const GiveAndTakeSchema = z.object({
  ...Privacy,
  /** Only peer coaching pairs take turns coaching each other. */
  isApplicable: z.boolean(),
  /** Pairs with at least one held session whose coach is known. */
  pairs: Count,
  /** Pairs whose members coached within one session of each other. */
  balancedPairs: Count,
  percent: Percent,
})

export const CrossDepartmentSchema = z.object({
  ...Privacy,
  matches: Count,
  crossDepartment: Count,
  percent: Percent,
})

export const AT_RISK_REASONS = ['no_recent_session', 'poor_fit', 'repair_requested', 'declined'] as const
export const AtRiskReasonCodeSchema = z.enum(AT_RISK_REASONS)
export type AtRiskReasonCode = z.infer<typeof AtRiskReasonCodeSchema>
export const AT_RISK_ACTIONS = ['nudge', 'talk_to_pair', 're_pair'] as const
export const AtRiskActionSchema = z.enum(AT_RISK_ACTIONS)

export const AtRiskMatchSchema = z.object({
  matchId: z.uuid(),
  status: z.string(),
  /** Program managers may see who is in which match (never what they wrote). */
  members: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  lastSessionAt: z.iso.datetime().nullable(),
  reasons: z.array(
    z.object({
      code: AtRiskReasonCodeSchema,
      /** Plain words: "No session held for 40 days (cadence 14 days)". */
      label: z.string(),
      action: AtRiskActionSchema,
      actionLabel: z.string(),
    }),
  ),
})
export type AtRiskMatch = z.infer<typeof AtRiskMatchSchema>

/**
 * Orders of the at-risk list: `attention` (most reasons first, then by name: the dashboard's),
 * `name` (by the first member's name), `quiet` (longest without a held session first).
 */
export const AT_RISK_SORTS = ['attention', 'name', 'quiet'] as const
export const AtRiskSortSchema = z.enum(AT_RISK_SORTS, { error: `must be one of ${AT_RISK_SORTS.join(', ')}` })
export type AtRiskSort = z.infer<typeof AtRiskSortSchema>
/** The dashboard carries the first page of the at-risk list; the rest comes page by page. */
export const AT_RISK_PAGE_SIZE = 20

export const AtRiskQuerySchema = z.strictObject({
  sort: AtRiskSortSchema.default('attention'),
  limit: z.coerce.number().int().min(1).max(100).default(AT_RISK_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type AtRiskQuery = z.input<typeof AtRiskQuerySchema>

/** Where a page of the at-risk list sits: how many matches are at risk in all, and for each reason. */
export const AtRiskPagingSchema = z.object({
  total: z.number().int(),
  countsByReason: z.object({
    no_recent_session: z.number().int(),
    poor_fit: z.number().int(),
    repair_requested: z.number().int(),
    declined: z.number().int(),
  }),
  sort: AtRiskSortSchema,
  limit: z.number().int(),
  offset: z.number().int(),
})
export type AtRiskPaging = z.infer<typeof AtRiskPagingSchema>

export const AtRiskPageSchema = AtRiskPagingSchema.extend({
  /** When the list was counted: the program's snapshot, at most a minute before the answer. */
  asOf: z.iso.datetime(),
  matches: z.array(AtRiskMatchSchema),
})
export type AtRiskPage = z.infer<typeof AtRiskPageSchema>

export const ProgramInsightsSchema = z.object({
  programId: z.uuid(),
  programName: z.string(),
  programType: ProgramTypeSchema,
  programStatus: ProgramStatusSchema,
  generatedAt: z.iso.datetime(),
  /**
   * When the figures were counted: they are read from a snapshot refreshed in the background at
   * least every minute (decision 029), so they may be up to a minute behind `generatedAt`.
   */
  asOf: z.iso.datetime(),
  /** The organization's smallest group an aggregate may show. */
  threshold: z.number().int(),
  cadenceDays: z.number().int(),
  participation: ParticipationSchema,
  acceptance: AcceptanceSchema,
  sessions: SessionsFigureSchema,
  activeMatches: ActiveMatchesSchema,
  goals: GoalsFigureSchema,
  skillGrowth: z.array(SkillGrowthSchema),
  feedback: FeedbackRatingsFigureSchema,
  satisfaction: SatisfactionSchema,
  wellbeing: WellbeingFigureSchema,
  giveAndTake: GiveAndTakeSchema,
  crossDepartment: CrossDepartmentSchema,
  /** The first page of the at-risk matches (most reasons first); `atRiskPaging` says how many in all. */
  atRisk: z.array(AtRiskMatchSchema),
  atRiskPaging: AtRiskPagingSchema,
})
export type ProgramInsights = z.infer<typeof ProgramInsightsSchema>

/** Every figure of the dashboard can be downloaded as CSV under these names. */
export const INSIGHT_FIGURES = [
  'participation',
  'acceptance',
  'sessions',
  'active-matches',
  'goals',
  'skill-growth',
  'feedback',
  'satisfaction',
  'wellbeing',
  'give-and-take',
  'cross-department',
  'at-risk',
] as const
export const InsightFigureSchema = z.enum(INSIGHT_FIGURES, { error: `must be one of ${INSIGHT_FIGURES.join(', ')}` })
export type InsightFigure = z.infer<typeof InsightFigureSchema>

export const InsightCsvQuerySchema = z.strictObject({ figure: InsightFigureSchema })
export type InsightCsvQuery = z.infer<typeof InsightCsvQuerySchema>

// ---- organization overview ---------------------------------------------------------------------

export const ProgramSideBySideSchema = z.object({
  programId: z.uuid(),
  name: z.string(),
  type: ProgramTypeSchema,
  status: ProgramStatusSchema,
  themeId: z.uuid().nullable(),
  participation: ParticipationSchema,
  activeMatches: ActiveMatchesSchema,
  sessions: SessionsFigureSchema.omit({ distribution: true }),
  goals: GoalsFigureSchema,
  satisfaction: SatisfactionSchema,
  atRiskCount: z.number().int(),
  /** When this program's figures were counted (its snapshot, at most a minute old). */
  asOf: z.iso.datetime(),
})
export type ProgramSideBySide = z.infer<typeof ProgramSideBySideSchema>

const ProgramRefSchema = z.object({ programId: z.uuid(), name: z.string(), status: ProgramStatusSchema })

export const ThemeInsightSchema = z.object({
  themeId: z.uuid(),
  name: z.string(),
  description: z.string(),
  programs: z.array(ProgramRefSchema),
  /** Goals set in the theme's programs; hidden below the threshold of distinct goal owners. */
  goals: z.object({ ...Privacy, count: Count, achieved: Count }),
})
export type ThemeInsight = z.infer<typeof ThemeInsightSchema>

export const InsightsOverviewSchema = z.object({
  generatedAt: z.iso.datetime(),
  /** The oldest of the programs' `asOf` (`generatedAt` when there is no program). */
  asOf: z.iso.datetime(),
  threshold: z.number().int(),
  programs: z.array(ProgramSideBySideSchema),
  themes: z.array(ThemeInsightSchema),
  /** Programs without a theme. */
  unthemedPrograms: z.array(ProgramRefSchema),
})
export type InsightsOverview = z.infer<typeof InsightsOverviewSchema>

// ---- one match, for its program manager -------------------------------------------------------

export const ProgramMatchParamsSchema = z.object({
  programId: z.uuid('is not a valid program id'),
  matchId: z.uuid('is not a valid match id'),
})
export type ProgramMatchParams = z.infer<typeof ProgramMatchParamsSchema>

/**
 * How one match is doing, for the program managers and admins of its program: who, when, how many
 * sessions, whether a pairing-fit concern was raised or a re-pair was asked for, and why it is at risk.
 * Figures computed from the members' answers (goals, pairing fit) follow the organization's privacy
 * threshold like every other figure: a pair is below it, so a pair's page shows that a concern was
 * raised, never who answered what or an average over two answers. Never anyone's words either
 * (reflections, notes, feedback, survey comments, the re-pair reason).
 */
export const MatchHealthSchema = z.object({
  matchId: z.uuid(),
  programId: z.uuid(),
  programName: z.string(),
  programType: ProgramTypeSchema,
  status: z.string(),
  members: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      department: z.string(),
      role: z.string(),
      response: z.string(),
      respondedAt: z.iso.datetime().nullable(),
    }),
  ),
  publishedAt: z.iso.datetime().nullable(),
  /** When the last member accepted (the match went ahead); null while someone has not. */
  acceptedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  cadenceDays: z.number().int(),
  sessions: z.object({
    held: z.number().int(),
    /** Scheduled and still ahead. */
    scheduled: z.number().int(),
    cancelled: z.number().int(),
    missed: z.number().int(),
    target: z.number().int(),
  }),
  lastSessionAt: z.iso.datetime().nullable(),
  nextSessionAt: z.iso.datetime().nullable(),
  /** Whole days since the last held session; null before the first. */
  daysSinceLastSession: z.number().int().nullable(),
  /** The organization's smallest group a figure may show. */
  threshold: z.number().int(),
  /** Goals of the match, over its goal owners: hidden below the threshold. */
  goals: z.object({
    ...Privacy,
    set: Count,
    achieved: Count,
    inProgress: Count,
    dropped: Count,
  }),
  /** The pairing-fit survey: totals over the members who answered, hidden below the threshold. */
  fit: z.object({
    ...Privacy,
    /** A member rated the fit 1-2 or would rather not keep the pairing; never which member. */
    isConcernRaised: z.boolean(),
    answers: Count,
    averageFit: Average,
    keepPairing: z.object({ yes: z.number().int(), unsure: z.number().int(), no: z.number().int() }).nullable(),
  }),
  repairRequest: z.object({ isOpen: z.boolean(), openedAt: z.iso.datetime().nullable() }),
  atRiskReasons: AtRiskMatchSchema.shape.reasons,
  nudge: z.object({
    /** Only an active match can be nudged, once per day (UTC). */
    canNudge: z.boolean(),
    isNudgedToday: z.boolean(),
  }),
  generatedAt: z.iso.datetime(),
})
export type MatchHealth = z.infer<typeof MatchHealthSchema>

export const MatchNudgeResultSchema = z.object({
  matchId: z.uuid(),
  /** The UTC day of the nudge, 'YYYY-MM-DD': one nudge per match and day. */
  sentOn: z.iso.date(),
  notified: z.number().int(),
  emailed: z.number().int(),
})
export type MatchNudgeResult = z.infer<typeof MatchNudgeResultSchema>

// ---- retention of participants vs non-participants ---------------------------------------------

/** Retention is measured at these months after a program's start. */
export const RETENTION_MONTHS = [6, 12] as const

/** One group at one horizon: how many of its people were still employed. Values null when hidden. */
export const RetentionGroupFigureSchema = z.object({
  retained: Count,
  left: Count,
  /** retained / group size, 0-100 with one decimal. */
  percent: Percent,
})

export const RetentionHorizonSchema = z.object({
  months: z.number().int(),
  /** The program's start plus `months` calendar months, 'YYYY-MM-DD'. */
  endsOn: z.iso.date(),
  /** Whole months observed so far (at most `months`). */
  observedMonths: z.number().int(),
  /** False while the window is still running: the figures are then "so far", as of today. */
  isComplete: z.boolean(),
  /** The day the figures are taken at: `endsOn`, or today while the window is running. */
  measuredOn: z.iso.date(),
  isHidden: z.boolean(),
  /** Which group is too small, in plain words; null when shown. */
  hiddenReason: z.string().nullable(),
  participants: RetentionGroupFigureSchema,
  nonParticipants: RetentionGroupFigureSchema,
  /** Participants' percent minus non-participants' percent, in points (one decimal); null when hidden. */
  differencePoints: z.number().nullable(),
})
export type RetentionHorizon = z.infer<typeof RetentionHorizonSchema>

export const ProgramRetentionSchema = z.object({
  programId: z.uuid(),
  name: z.string(),
  type: ProgramTypeSchema,
  status: ProgramStatusSchema,
  startsOn: z.iso.date().nullable(),
  /** Why nothing is measured yet (no start date, or it starts later); null once it started. */
  notMeasuredReason: z.string().nullable(),
  /** Group sizes: people employed at the start who took part / did not. Always shown. */
  participants: z.number().int(),
  nonParticipants: z.number().int(),
  /** Enrolled but never in a match that went ahead: in neither group. */
  excluded: z.number().int(),
  /** One per RETENTION_MONTHS once the program started; empty before. */
  horizons: z.array(RetentionHorizonSchema),
})
export type ProgramRetention = z.infer<typeof ProgramRetentionSchema>

export const RetentionReportSchema = z.object({
  generatedAt: z.iso.datetime(),
  /** 'YYYY-MM-DD' (UTC): "today" for windows still running. */
  today: z.iso.date(),
  threshold: z.number().int(),
  /** Whether anyone of the organization has left (a leaving date, or deactivated). */
  hasLeavers: z.boolean(),
  programs: z.array(ProgramRetentionSchema),
})
export type RetentionReport = z.infer<typeof RetentionReportSchema>
