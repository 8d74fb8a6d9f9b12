import { z } from 'zod'
import { ObjectiveSchema, ProgramTypeSchema, QuestionRuleSchema } from './cohort.schema.ts'

export const CriterionSchema = z.object({
  points: z.int(),
  num: z.int(),
  den: z.int(),
  /** num/den rounded to 4 decimals, display only */
  value: z.number(),
  detail: z.record(z.string(), z.unknown()),
})

export const CriteriaSchema = z.strictObject({
  complementarity: CriterionSchema,
  seniority: CriterionSchema,
  diversity: CriterionSchema,
  overlap: CriterionSchema,
})

/** An enrollment question's criterion for a pair: its points, num/den and the two answers. */
export const QuestionCriterionResultSchema = z.strictObject({
  id: z.string(),
  rule: QuestionRuleSchema,
  ...CriterionSchema.shape,
})

export const PairScoreSchema = z.strictObject({
  members: z.tuple([z.string(), z.string()]),
  score: z.int(),
})

export const MatchSchema = z.strictObject({
  /** peer: [a, b]; mentoring: [mentorId, menteeId]; circles: the ids */
  members: z.array(z.string()).min(2),
  score: z.int(),
  /** pairs (peer, mentoring): each criterion's points and why */
  criteria: CriteriaSchema.optional(),
  /** pairs, when the program has question criteria: each one's points and the answers */
  questionCriteria: z.array(QuestionCriterionResultSchema).optional(),
  /** circles: the score of every pair inside */
  pairScores: z.array(PairScoreSchema).optional(),
})

export const UnmatchedReasonSchema = z.enum(['no_feasible_partner', 'not_selected', 'invalid_profile'])

export const UnmatchedSchema = z.strictObject({
  id: z.string(),
  reason: UnmatchedReasonSchema,
  detail: z.string().optional(),
})

export const SolverSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** true = provably optimal on the candidate graph */
  exact: z.boolean(),
  candidateTopK: z.int().nullable(),
  elapsedMs: z.number().min(0),
})

export const MatchingStatsSchema = z.strictObject({
  participants: z.int(),
  candidateEdges: z.int(),
  matches: z.int(),
  participantsMatched: z.int(),
  unmatched: z.int(),
})

export const MatchingResultSchema = z.strictObject({
  schemaVersion: z.literal('1.0'),
  cohortId: z.string(),
  programType: ProgramTypeSchema,
  objective: ObjectiveSchema,
  solver: SolverSchema,
  totalScore: z.int(),
  stats: MatchingStatsSchema,
  matches: z.array(MatchSchema),
  unmatched: z.array(UnmatchedSchema),
})

export type Criterion = z.output<typeof CriterionSchema>
export type QuestionCriterionResult = z.output<typeof QuestionCriterionResultSchema>
export type Match = z.output<typeof MatchSchema>
export type Unmatched = z.output<typeof UnmatchedSchema>
export type UnmatchedReason = z.output<typeof UnmatchedReasonSchema>
export type MatchingStats = z.output<typeof MatchingStatsSchema>
export type MatchingResult = z.output<typeof MatchingResultSchema>
