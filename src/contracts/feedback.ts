import { z } from 'zod'
import { FEEDBACK_TEXT_FIELDS, WORDING_FLAG_KINDS } from './feedback-wording-types.ts'
import { textField } from './input.ts'

// Structured feedback after a session (issue #5 point 7). The wording check itself is the pure
// `checkFeedbackWording` in ./feedback-wording.ts, shared by the server and the web.
export type { FeedbackTexts, WordingFlag } from './feedback-wording-types.ts'

export const FEEDBACK_TEXT_MAX = 4000

const requiredText = (empty: string) =>
  textField({ min: 1, max: FEEDBACK_TEXT_MAX, tooShort: empty, tooLong: `At most ${FEEDBACK_TEXT_MAX} characters` })
const optionalText = textField({ max: FEEDBACK_TEXT_MAX, tooLong: `At most ${FEEDBACK_TEXT_MAX} characters` }).default(
  '',
)

/** The five text fields: what worked, what to try next, and the situation-behaviour-impact behind it. */
export const FeedbackTextsSchema = z.strictObject({
  whatWorked: requiredText('Say what worked'),
  tryNext: requiredText('Say what to try next'),
  situation: optionalText,
  behaviour: optionalText,
  impact: optionalText,
})
export type FeedbackTextsBody = z.input<typeof FeedbackTextsSchema>

const RatingSchema = z.number().int().min(1, 'Rate from 1 to 5').max(5, 'Rate from 1 to 5')
export const FeedbackRatingsSchema = z.strictObject({
  listening: RatingSchema,
  questions: RatingSchema,
  helpfulness: RatingSchema,
})
export type FeedbackRatings = z.infer<typeof FeedbackRatingsSchema>

export const WordingFlagSchema = z.object({
  field: z.enum(FEEDBACK_TEXT_FIELDS),
  kind: z.enum(WORDING_FLAG_KINDS),
  match: z.string(),
  start: z.number().int(),
  suggestion: z.string(),
})

export const WordingCheckSchema = z.object({ flags: z.array(WordingFlagSchema) })
export type WordingCheck = z.infer<typeof WordingCheckSchema>

/**
 * Give feedback to one member for one session. When the wording check flags something and
 * `acknowledgeFlags` is false, the API answers 422 feedback_not_constructive with the flags;
 * with true it is stored with the flags (the author decides).
 */
export const GiveFeedbackBodySchema = FeedbackTextsSchema.extend({
  receiverId: z.uuid('is not a valid person id'),
  ratings: FeedbackRatingsSchema,
  acknowledgeFlags: z.boolean().default(false),
})
export type GiveFeedbackBody = z.input<typeof GiveFeedbackBodySchema>

export const FeedbackSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  sessionId: z.uuid(),
  sessionStartsAt: z.iso.datetime(),
  giverId: z.uuid().nullable(),
  giverName: z.string().nullable(),
  receiverId: z.uuid(),
  receiverName: z.string(),
  whatWorked: z.string(),
  tryNext: z.string(),
  situation: z.string(),
  behaviour: z.string(),
  impact: z.string(),
  ratings: FeedbackRatingsSchema,
  /** What the wording check flagged when it was sent anyway. */
  flags: z.array(WordingFlagSchema),
  createdAt: z.iso.datetime(),
})
export type Feedback = z.infer<typeof FeedbackSchema>

/** A past session for which I still owe feedback to a member. */
export const FeedbackDueSchema = z.object({
  sessionId: z.uuid(),
  sessionStartsAt: z.iso.datetime(),
  receiverId: z.uuid(),
  receiverName: z.string(),
})
export type FeedbackDue = z.infer<typeof FeedbackDueSchema>

/** One member's feedback in a match: what they received, what they gave, and what they still owe. */
export const MatchFeedbackSchema = z.object({
  received: z.array(FeedbackSchema),
  given: z.array(FeedbackSchema),
  due: z.array(FeedbackDueSchema),
})
export type MatchFeedback = z.infer<typeof MatchFeedbackSchema>

const AverageSchema = z.number().nullable()

/**
 * What a program manager (or admin) sees: averages and counts, no text, no names. Hidden (averages
 * null) when fewer people gave feedback than the organization's privacy threshold.
 */
export const FeedbackSummarySchema = z.object({
  programId: z.uuid(),
  /** The organization's smallest group shown in reports. */
  threshold: z.number().int(),
  feedbackCount: z.number().int(),
  giverCount: z.number().int(),
  isHidden: z.boolean(),
  /** Why the averages are hidden, in plain words; null when shown. */
  hiddenReason: z.string().nullable(),
  averages: z.object({ listening: AverageSchema, questions: AverageSchema, helpfulness: AverageSchema }),
})
export type FeedbackSummary = z.infer<typeof FeedbackSummarySchema>
