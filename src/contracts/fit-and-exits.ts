import { z } from 'zod'
import { textField } from './input.ts'

export const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const
export const YesNoUnsureSchema = z.enum(YES_NO_UNSURE)
export type YesNoUnsure = z.infer<typeof YesNoUnsureSchema>

const Comment = textField({ max: 2000, tooLong: 'must be at most 2,000 characters' })
  .nullable()
  .optional()
  .transform((value) => (value ? value : null))

export const RepairRequestParamsSchema = z.object({ requestId: z.uuid('is not a valid request id') })
export const MatchRepairRequestParamsSchema = z.object({
  matchId: z.uuid('is not a valid match id'),
  requestId: z.uuid('is not a valid request id'),
})

// ---- pairing fit -------------------------------------------------------------------------------

/** After the first session (held, or its start passed), each member answers once. */
export const FitAnswerBodySchema = z.strictObject({
  fit: z.int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  keepPairing: YesNoUnsureSchema,
  comment: Comment,
})
export type FitAnswerBody = z.input<typeof FitAnswerBodySchema>

export const FitAnswerSchema = z.object({
  fit: z.int(),
  keepPairing: YesNoUnsureSchema,
  comment: z.string().nullable(),
  answeredAt: z.iso.datetime(),
})
export type FitAnswer = z.infer<typeof FitAnswerSchema>

// ---- re-pair requests --------------------------------------------------------------------------

export const REPAIR_REQUEST_STATUSES = ['open', 'resolved', 'withdrawn'] as const
export const RepairRequestStatusSchema = z.enum(REPAIR_REQUEST_STATUSES)

export const CreateRepairRequestBodySchema = z.strictObject({
  /** Read by the program managers only; never by the partner. */
  reason: textField({
    min: 1,
    max: 2000,
    tooShort: 'say why you would like a new partner',
    tooLong: 'must be at most 2,000 characters',
  }),
})
export type CreateRepairRequestBody = z.input<typeof CreateRepairRequestBodySchema>

/** My own re-pair request, as its requester sees it. */
export const MyRepairRequestSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  status: RepairRequestStatusSchema,
  reason: z.string(),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** Set when the request was closed because the match ended: what happened, in plain words. */
  resolutionNote: z.string().nullable(),
})
export type MyRepairRequest = z.infer<typeof MyRepairRequestSchema>

const PersonRefSchema = z.object({ personId: z.uuid(), name: z.string() })

/** A re-pair request as program managers see it: with the reason. */
export const ManagedRepairRequestSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  programId: z.uuid(),
  status: RepairRequestStatusSchema,
  reason: z.string(),
  requester: PersonRefSchema,
  members: z.array(PersonRefSchema),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: PersonRefSchema.nullable(),
  resolutionNote: z.string().nullable(),
})
export type ManagedRepairRequest = z.infer<typeof ManagedRepairRequestSchema>

export const RepairRequestListQuerySchema = z.strictObject({
  status: z.enum(['open', 'all']).default('open'),
})
export type RepairRequestListQuery = z.input<typeof RepairRequestListQuerySchema>

export const RepairRequestListSchema = z.object({ requests: z.array(ManagedRepairRequestSchema) })
export type RepairRequestList = z.infer<typeof RepairRequestListSchema>

// ---- complete or dissolve ----------------------------------------------------------------------

export const CompleteMatchBodySchema = z.strictObject({})
export type CompleteMatchBody = z.input<typeof CompleteMatchBodySchema>

/**
 * Who may complete a match, said the same way by the API and the UI: it completes once every member
 * agreed, or when a program manager completes it. Ending it early is each member's own decision.
 */
export const COMPLETION_RULE =
  'A match is completed when everyone in it agrees, or when a program manager completes it. Completing cancels the sessions still to come.'

/** A program manager completed a match: how many sessions to come were cancelled, and re-pair requests closed. */
export const ManagerCompletionSchema = z.object({
  matchId: z.uuid(),
  status: z.literal('completed'),
  cancelledSessions: z.int(),
  closedRepairRequests: z.int(),
})
export type ManagerCompletion = z.infer<typeof ManagerCompletionSchema>

/**
 * Ending a match early needs a reason: program managers read it (with the re-pair requests) to follow
 * up; the partner is told only that the match ended.
 */
export const DissolveMatchBodySchema = z.strictObject({
  reason: textField({ min: 1, max: 2000 }),
})
export type DissolveMatchBody = z.input<typeof DissolveMatchBodySchema>

// ---- closing survey ----------------------------------------------------------------------------

/** After completion or dissolution, each member answers once. selfAssessment rates every focus skill 1..5. */
export const ClosingSurveyBodySchema = z.strictObject({
  satisfaction: z.int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  wouldRecommend: z.int('must be a whole number from 0 to 10').min(0, 'must be 0 to 10').max(10, 'must be 0 to 10'),
  selfAssessment: z.record(
    textField({ max: 60 }),
    z.int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  ),
  intentToStay: YesNoUnsureSchema.nullable().optional(),
  comment: Comment,
})
export type ClosingSurveyBody = z.input<typeof ClosingSurveyBodySchema>

export const ClosingSurveyAnswerSchema = z.object({
  satisfaction: z.int(),
  wouldRecommend: z.int(),
  selfAssessment: z.record(z.string(), z.int()),
  intentToStay: YesNoUnsureSchema.nullable(),
  comment: z.string().nullable(),
  answeredAt: z.iso.datetime(),
})
export type ClosingSurveyAnswer = z.infer<typeof ClosingSurveyAnswerSchema>

// ---- the member's view -------------------------------------------------------------------------

export const EXIT_MATCH_STATUSES = ['published', 'active', 'completed', 'dissolved'] as const

/** Everything the fit-and-exits section shows the viewer: their own answers and request only. */
export const FitAndExitsSchema = z.object({
  matchId: z.uuid(),
  matchStatus: z.enum(EXIT_MATCH_STATUSES),
  endedAt: z.iso.datetime().nullable(),
  programStatus: z.string(),
  /** The first session was held, or its start passed: the fit question is open. */
  hasFirstSession: z.boolean(),
  myFit: FitAnswerSchema.nullable(),
  /** My latest re-pair request (never the partner's). */
  myRepairRequest: MyRepairRequestSchema.nullable(),
  canAskRepair: z.boolean(),
  canComplete: z.boolean(),
  /**
   * Completing takes every member's agreement: whether I agreed, and which other members did and
   * did not yet (never me in either list).
   */
  completion: z.object({
    iAgreed: z.boolean(),
    agreed: z.array(PersonRefSchema),
    waitingFor: z.array(PersonRefSchema),
  }),
  canDissolve: z.boolean(),
  isClosingSurveyOpen: z.boolean(),
  focusSkills: z.array(z.object({ slug: z.string(), name: z.string() })),
  myClosingSurvey: ClosingSurveyAnswerSchema.nullable(),
})
export type FitAndExits = z.infer<typeof FitAndExitsSchema>
