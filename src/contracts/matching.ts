import { z } from 'zod'
import { textField } from './input.ts'

export { ProgramParamsSchema } from './programs.ts'

/** The four weighted criteria of a pair's score, in the engine's order. */
export const CRITERIA = ['complementarity', 'seniority', 'diversity', 'overlap'] as const
export const CriterionNameSchema = z.enum(CRITERIA)
export type CriterionName = z.infer<typeof CriterionNameSchema>

export const MatchingRunParamsSchema = z.object({ runId: z.uuid('is not a valid run id') })
export const MatchParamsSchema = z.object({ matchId: z.uuid('is not a valid match id') })
export const PairRuleParamsSchema = z.object({
  programId: z.uuid('is not a valid program id'),
  ruleId: z.uuid('is not a valid rule id'),
})

// ---------------------------------------------------------------------------------------------
// Matching runs

export const MatchingRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed'])
export type MatchingRunStatus = z.infer<typeof MatchingRunStatusSchema>

const weight = z.number().int().min(0).max(1000)

/**
 * What a program manager may vary for one run, on top of the program's matching rules (to preview
 * and compare runs before publishing). Hard constraints are not varied per run: they are the
 * program's rules.
 */
export const StartMatchingRunBodySchema = z
  .strictObject({
    weights: z
      .strictObject({ complementarity: weight, seniority: weight, diversity: weight, overlap: weight })
      .partial()
      .optional(),
    objective: z.enum(['maxWeight', 'maxCardinalityThenWeight']).optional(),
    candidateTopK: z.number().int().min(1).max(10_000).nullable().optional(),
    /** A label to tell runs apart in the comparison ("more weight on skills"). */
    label: textField({ max: 200 }).optional(),
  })
  .nullish()
export type StartMatchingRunBody = z.input<typeof StartMatchingRunBodySchema>

/** The reasons a person ends up without a partner, as the API names them. */
export const UNMATCHED_REASONS = [
  'no_feasible_partner',
  'not_selected',
  'invalid_profile',
  'declined',
  'dissolved',
  'not_in_run',
] as const
export const UnmatchedReasonSchema = z.enum(UNMATCHED_REASONS)
export type UnmatchedReason = z.infer<typeof UnmatchedReasonSchema>

export const CriterionAverageSchema = z.object({
  /** Mean of the criterion's fraction (0..1) over the run's pairs. */
  value: z.number(),
  /** Mean points the criterion contributed per pair. */
  points: z.number(),
})

/** The figures two runs are compared by. */
export const MatchingRunSummarySchema = z.object({
  /** People the engine was given (unmatched enrollees, minus locked and must pairs). */
  participants: z.number().int(),
  /** Enrollees considered in all: the cohort plus those kept in locked, manual and must matches. */
  enrollees: z.number().int(),
  matches: z.number().int(),
  /** Matches kept from before the run (locked, manual, must pairs, published). */
  keptMatches: z.number().int(),
  matchedPeople: z.number().int(),
  /** matchedPeople / enrollees, 0..1. */
  matchedShare: z.number(),
  totalScore: z.number().int(),
  averageScore: z.number(),
  /** Per-criterion averages over the run's pairs (circles: over every pair inside a circle). */
  criteria: z.record(CriterionNameSchema, CriterionAverageSchema),
  unmatched: z.number().int(),
  unmatchedByReason: z.record(z.string(), z.number().int()),
  candidateEdges: z.number().int(),
  /** Engine time inside the worker (ms). */
  engineMs: z.number(),
  /** Whole run from start to stored result (ms). */
  elapsedMs: z.number(),
})
export type MatchingRunSummary = z.infer<typeof MatchingRunSummarySchema>

export const PersonRefSchema = z.object({ id: z.uuid(), name: z.string() })
export type PersonRef = z.infer<typeof PersonRefSchema>

/** A run as listed: status and progress, the settings it ran with, its summary once succeeded. */
export const MatchingRunSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  runNumber: z.number().int(),
  status: MatchingRunStatusSchema,
  /** 0..100 */
  progress: z.number().int(),
  label: z.string().nullable(),
  /** The matching rules the run used (program rules with the run's overrides applied). */
  settings: z.record(z.string(), z.unknown()),
  summary: MatchingRunSummarySchema.nullable(),
  error: z.string().nullable(),
  startedBy: PersonRefSchema.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type MatchingRun = z.infer<typeof MatchingRunSchema>

export const MatchingRunListSchema = z.object({ runs: z.array(MatchingRunSchema) })
export type MatchingRunList = z.infer<typeof MatchingRunListSchema>

export const MatchMemberSummarySchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  department: z.string(),
  title: z.string(),
  role: z.enum(['peer', 'mentor', 'mentee', 'member']),
})
export type MatchMemberSummary = z.infer<typeof MatchMemberSummarySchema>

export const CriterionDetailSchema = z.object({
  points: z.number().int(),
  num: z.number().int(),
  den: z.number().int(),
  /** num/den, 0..1 */
  value: z.number(),
  detail: z.record(z.string(), z.unknown()),
})
export type CriterionDetail = z.infer<typeof CriterionDetailSchema>

/** An enrollment question's criterion for a pair: points and fraction, the prompt and both answers (detail a, b). */
export const QuestionCriterionDetailSchema = CriterionDetailSchema.extend({
  questionId: z.string(),
  prompt: z.string(),
  rule: z.enum(['same', 'different', 'overlap']),
})
export type QuestionCriterionDetail = z.infer<typeof QuestionCriterionDetailSchema>

export const PairScoreSchema = z.object({ personIds: z.tuple([z.uuid(), z.uuid()]), score: z.number().int() })

/** The explanation of a match: sentences for people, the engine's numbers for those who want them. */
export const MatchExplanationSchema = z.object({
  /** One sentence per criterion ("Ana wants negotiation and Ben offers it"). */
  reasons: z.array(z.string()),
  /** The reasons joined into one line. */
  summary: z.string(),
  /** Pairs (peer coaching, mentoring): each criterion's points and fraction. */
  criteria: z.record(CriterionNameSchema, CriterionDetailSchema).nullable(),
  /** Pairs, when the program scores enrollment questions: each question criterion ([] otherwise). */
  questionCriteria: z.array(QuestionCriterionDetailSchema),
  /** Circles: the score of every pair inside. */
  pairScores: z.array(PairScoreSchema).nullable(),
})
export type MatchExplanation = z.infer<typeof MatchExplanationSchema>

export const RunMatchSchema = z.object({
  members: z.array(MatchMemberSummarySchema),
  score: z.number().int(),
  explanation: MatchExplanationSchema,
})

export const UnmatchedPersonSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  department: z.string(),
  title: z.string(),
  reason: UnmatchedReasonSchema,
  /** The reason in words. */
  reasonText: z.string(),
})
export type UnmatchedPerson = z.infer<typeof UnmatchedPersonSchema>

/** A run with the matches it proposed and who it left out (program managers only). */
export const MatchingRunDetailSchema = MatchingRunSchema.extend({
  result: z
    .object({
      matches: z.array(RunMatchSchema),
      unmatched: z.array(UnmatchedPersonSchema),
      solver: z.object({ name: z.string(), version: z.string(), exact: z.boolean(), elapsedMs: z.number() }),
    })
    .nullable(),
})
export type MatchingRunDetail = z.infer<typeof MatchingRunDetailSchema>

export const CompareRunsQuerySchema = z.strictObject({
  a: z.uuid('is not a valid run id'),
  b: z.uuid('is not a valid run id'),
})
export type CompareRunsQuery = z.infer<typeof CompareRunsQuerySchema>

/** Someone whose partner(s) differ between the two runs. */
export const PartnerChangeSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  /** Partners in run a (empty: unmatched in a). */
  partnersInA: z.array(PersonRefSchema),
  partnersInB: z.array(PersonRefSchema),
})

export const MatchingRunComparisonSchema = z.object({
  a: MatchingRunSchema,
  b: MatchingRunSchema,
  /** b minus a, for the headline figures. */
  delta: z.object({
    totalScore: z.number(),
    averageScore: z.number(),
    matchedShare: z.number(),
    matches: z.number(),
    unmatched: z.number(),
  }),
  samePartnerCount: z.number().int(),
  changedPartnerCount: z.number().int(),
  changes: z.array(PartnerChangeSchema),
})
export type MatchingRunComparison = z.infer<typeof MatchingRunComparisonSchema>

// ---------------------------------------------------------------------------------------------
// Matches (review, adjust, publish, respond)

export const MatchStatusSchema = z.enum(['proposed', 'published', 'active', 'completed', 'dissolved', 'declined'])
export type MatchStatus = z.infer<typeof MatchStatusSchema>
export const MatchResponseSchema = z.enum(['pending', 'accepted', 'declined'])
export type MatchResponse = z.infer<typeof MatchResponseSchema>

/** A member as the program manager sees them, the decline reason included. */
export const ReviewMatchMemberSchema = MatchMemberSummarySchema.extend({
  response: MatchResponseSchema,
  /** Why they declined: program managers only, never in the member API. */
  responseReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
})

export const ReviewMatchSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  runId: z.uuid().nullable(),
  status: MatchStatusSchema,
  origin: z.enum(['engine', 'manual']),
  score: z.number().int(),
  /** The score as a share of the best the program's weights allow, 0-100 (issue #17, point 4). */
  fitPercent: z.number().int().min(0).max(100),
  isLocked: z.boolean(),
  members: z.array(ReviewMatchMemberSchema),
  explanation: MatchExplanationSchema,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
})
export type ReviewMatch = z.infer<typeof ReviewMatchSchema>

/** The review screen: every proposed and published match, and every enrollee left without one. */
export const ProgramMatchesSchema = z.object({
  programId: z.uuid(),
  matches: z.array(ReviewMatchSchema),
  unmatched: z.array(UnmatchedPersonSchema),
  counts: z.object({
    proposed: z.number().int(),
    published: z.number().int(),
    active: z.number().int(),
    declined: z.number().int(),
    locked: z.number().int(),
    unmatched: z.number().int(),
  }),
  /** This page of `matches`; `total` counts every match of the status asked for. */
  page: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }),
  /** This page of `unmatched` (by name); `total` counts everyone unmatched. */
  unmatchedPage: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }),
})
export type ProgramMatches = z.infer<typeof ProgramMatchesSchema>

export const ProgramMatchesQuerySchema = z.strictObject({
  status: z.enum(['proposed', 'published', 'active', 'declined', 'all']).default('all'),
  /** Matches per page (a 10,000-person program has 5,000 pairs). */
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
  /** Unmatched people per page, in name order. */
  unmatchedLimit: z.coerce.number().int().min(1).max(5000).default(500),
  unmatchedOffset: z.coerce.number().int().min(0).default(0),
})
export type ProgramMatchesQuery = z.input<typeof ProgramMatchesQuerySchema>

/** Match by hand: the people of one match (mentoring: a mentor and a mentee; circles: 2..max). */
export const CreateManualMatchBodySchema = z.strictObject({
  personIds: z
    .array(z.uuid())
    .min(2)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a person'),
  isLocked: z.boolean().default(false),
})
export type CreateManualMatchBody = z.input<typeof CreateManualMatchBodySchema>

/** Swap a member of this match with a person from another proposed match, or an unmatched enrollee. */
export const SwapMembersBodySchema = z
  .strictObject({ personId: z.uuid(), withPersonId: z.uuid() })
  .refine((body) => body.personId !== body.withPersonId, {
    message: 'must differ from personId',
    path: ['withPersonId'],
  })
export type SwapMembersBody = z.input<typeof SwapMembersBodySchema>

/** The matches a swap changed (the second one is absent when the swap brought in an unmatched enrollee). */
export const SwapResultSchema = z.object({ matches: z.array(ReviewMatchSchema) })
export type SwapResult = z.infer<typeof SwapResultSchema>

export const PairRuleKindSchema = z.enum(['never', 'must'])
export type PairRuleKind = z.infer<typeof PairRuleKindSchema>

export const CreatePairRuleBodySchema = z.strictObject({
  kind: PairRuleKindSchema,
  personIds: z.tuple([z.uuid(), z.uuid()]).refine(([a, b]) => a !== b, 'must name two different people'),
})
export type CreatePairRuleBody = z.input<typeof CreatePairRuleBodySchema>

export const PairRuleSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  kind: PairRuleKindSchema,
  people: z.tuple([PersonRefSchema, PersonRefSchema]),
  createdBy: PersonRefSchema.nullable(),
  createdAt: z.string(),
})
export type PairRule = z.infer<typeof PairRuleSchema>

export const PairRuleListSchema = z.object({ rules: z.array(PairRuleSchema) })
export type PairRuleList = z.infer<typeof PairRuleListSchema>

/** A new rule, and the proposal it dissolved (a never rule on a pair that was proposed). */
export const CreatePairRuleResultSchema = z.object({
  rule: PairRuleSchema,
  dissolvedMatchIds: z.array(z.uuid()),
})
export type CreatePairRuleResult = z.infer<typeof CreatePairRuleResultSchema>

export const PublishMatchesResultSchema = z.object({
  published: z.number().int(),
  notified: z.number().int(),
  programStatus: z.string(),
})
export type PublishMatchesResult = z.infer<typeof PublishMatchesResultSchema>

// ---------------------------------------------------------------------------------------------
// The member's side

export const RespondToMatchBodySchema = z.strictObject({
  response: z.enum(['accepted', 'declined']),
  /** Why (declines): seen by program managers only. */
  reason: textField({ max: 2000 }).optional(),
})
export type RespondToMatchBody = z.input<typeof RespondToMatchBodySchema>

export const PartnerSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  location: z.string(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  role: z.enum(['peer', 'mentor', 'mentee', 'member']),
  /** Whether they accepted yet (a decline ends the match; its reason is never shown here). */
  response: MatchResponseSchema,
})
export type Partner = z.infer<typeof PartnerSchema>

/** A published match as one of its members sees it. */
export const MyMatchSchema = z.object({
  id: z.uuid(),
  program: z.object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(['peer_coaching', 'coaching_circle', 'peer_mentoring']),
  }),
  status: MatchStatusSchema,
  myRole: z.enum(['peer', 'mentor', 'mentee', 'member']),
  myResponse: MatchResponseSchema,
  partners: z.array(PartnerSchema),
  /** Why we were matched, in words. */
  reasons: z.array(z.string()),
  score: z.number().int(),
  publishedAt: z.string().nullable(),
})
export type MyMatch = z.infer<typeof MyMatchSchema>

export const MyMatchListSchema = z.object({ matches: z.array(MyMatchSchema) })
export type MyMatchList = z.infer<typeof MyMatchListSchema>
