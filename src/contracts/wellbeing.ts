import { z } from 'zod'
import { textField } from './input.ts'

export const WELLBEING_MOMENTS = ['before', 'after', 'anytime'] as const
export const WellbeingMomentSchema = z.enum(WELLBEING_MOMENTS)
export type WellbeingMoment = z.infer<typeof WellbeingMomentSchema>

/** 1 = low, 5 = high, for both mood and stress. */
const ScaleSchema = z.int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5')

/** Words for the 1-5 scales (the web shows them beside the numbers). */
export const MOOD_WORDS = ['Very low', 'Low', 'Okay', 'Good', 'Very good'] as const
export const STRESS_WORDS = ['Very calm', 'Calm', 'Some stress', 'Stressed', 'Very stressed'] as const

/**
 * A check-in of mine: before or after one of the match's sessions (once per session and moment),
 * or at any time without a session. The note is private to me.
 */
export const CreateCheckInBodySchema = z
  .strictObject({
    moment: WellbeingMomentSchema,
    sessionId: z.uuid('is not a valid session id').nullable().optional(),
    mood: ScaleSchema,
    stress: ScaleSchema,
    note: textField({ max: 2000, tooLong: 'must be at most 2,000 characters' })
      .nullable()
      .optional()
      .transform((value) => (value ? value : null)),
  })
  .superRefine((body, ctx) => {
    if (body.moment !== 'anytime' && !body.sessionId) {
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: `choose the session you check in ${body.moment}` })
    }
    if (body.moment === 'anytime' && body.sessionId) {
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'an anytime check-in has no session' })
    }
  })
export type CreateCheckInBody = z.input<typeof CreateCheckInBodySchema>

export const CheckInSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  sessionId: z.uuid().nullable(),
  /** When the session starts (null for anytime check-ins or a session since deleted). */
  sessionStartsAt: z.iso.datetime().nullable(),
  moment: WellbeingMomentSchema,
  mood: z.int(),
  stress: z.int(),
  /** Private: only its author ever reads it. */
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type CheckIn = z.infer<typeof CheckInSchema>

/** Average mood and stress of one week (Monday, UTC). */
export const WeeklyWellbeingSchema = z.object({
  weekStart: z.iso.date(),
  checkIns: z.int(),
  averageMood: z.number(),
  averageStress: z.number(),
})
export type WeeklyWellbeing = z.infer<typeof WeeklyWellbeingSchema>

const PointSchema = z.object({ mood: z.int(), stress: z.int() })

/** How a session moved me: after minus before (positive mood delta = better; negative stress delta = calmer). */
export const SessionWellbeingDeltaSchema = z.object({
  sessionId: z.uuid(),
  matchId: z.uuid(),
  sessionStartsAt: z.iso.datetime().nullable(),
  before: PointSchema,
  after: PointSchema,
  moodDelta: z.int(),
  stressDelta: z.int(),
})
export type SessionWellbeingDelta = z.infer<typeof SessionWellbeingDeltaSchema>

/** GET /api/me/wellbeing: my check-ins (newest first) and my trend; nobody else can read it. */
export const MyWellbeingSchema = z.object({
  checkIns: z.array(CheckInSchema),
  weekly: z.array(WeeklyWellbeingSchema),
  sessionDeltas: z.array(SessionWellbeingDeltaSchema),
})
export type MyWellbeing = z.infer<typeof MyWellbeingSchema>

/** Whether I checked in before and after each session of the match: my own state, for me alone. */
export const MatchCheckInStateSchema = z.object({
  matchId: z.uuid(),
  /** The match's sessions (oldest first) with whether I checked in before and after each. */
  sessions: z.array(
    z.object({
      sessionId: z.uuid(),
      startsAt: z.iso.datetime(),
      status: z.enum(['scheduled', 'held', 'cancelled', 'missed']),
      hasBefore: z.boolean(),
      hasAfter: z.boolean(),
    }),
  ),
  latest: CheckInSchema.nullable(),
})
export type MatchCheckInState = z.infer<typeof MatchCheckInStateSchema>

/**
 * "I'd like support": sent only with consent (consent: true). Without it the request is refused with
 * `support_consent_required` and nothing is stored or sent.
 */
export const CreateSupportRequestBodySchema = z.strictObject({
  message: textField({
    min: 1,
    max: 2000,
    tooShort: 'write the message the support contact will read',
    tooLong: 'must be at most 2,000 characters',
  }),
  consent: z.boolean().optional(),
})
export type CreateSupportRequestBody = z.input<typeof CreateSupportRequestBodySchema>

export const SupportRecipientSchema = z.object({ name: z.string() })

export const SupportRequestSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid().nullable(),
  message: z.string(),
  consentedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
})
export type SupportRequest = z.infer<typeof SupportRequestSchema>

/** Who a support request reaches (named before I consent) and my past requests in this match. */
export const SupportRequestListSchema = z.object({
  recipients: z.array(SupportRecipientSchema),
  /** True when the program names a support contact; false when it falls back to program managers. */
  isSupportContact: z.boolean(),
  requests: z.array(SupportRequestSchema),
})
export type SupportRequestList = z.infer<typeof SupportRequestListSchema>

export const SupportRequestResultSchema = SupportRequestSchema.extend({
  recipients: z.array(SupportRecipientSchema),
})
export type SupportRequestResult = z.infer<typeof SupportRequestResultSchema>
