import { z } from 'zod'
import { textField } from './input.ts'

/**
 * Outgoing webhooks (decision 044): what an integration may subscribe to. Every payload carries ids,
 * types, timestamps and public directory fields only: never reflections, notes, feedback, agreement
 * or goal text, wellbeing, or a reason someone gave.
 */
export const WEBHOOK_EVENT_TYPES = [
  'person.created',
  'person.updated',
  'person.deactivated',
  'enrollment.created',
  'match.published',
  'match.accepted',
  'match.declined',
  'match.completed',
  'session.held',
  'program.status_changed',
] as const
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
})
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>

// ---- payloads: one schema per event type; the server builds each through its schema -------------

/**
 * A person as an HR system syncs them: name and email are there (that is what HR sync needs), the
 * directory fields too; nothing about their coaching.
 */
export const WebhookPersonDataSchema = z.strictObject({
  personId: z.uuid(),
  employeeId: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.string(),
  title: z.string(),
  department: z.string(),
  location: z.string(),
  managerId: z.uuid().nullable(),
  leftOn: z.string().nullable(),
})
export type WebhookPersonData = z.infer<typeof WebhookPersonDataSchema>

export const WebhookEnrollmentDataSchema = z.strictObject({
  programId: z.uuid(),
  personId: z.uuid(),
  /** mentor or mentee in a mentoring program; null otherwise. */
  mentoringRole: z.string().nullable(),
  /** Whether the person enrolled themselves or a program manager enrolled them. */
  enrolledBy: z.enum(['self', 'manager']),
})
export type WebhookEnrollmentData = z.infer<typeof WebhookEnrollmentDataSchema>

export const WebhookMatchDataSchema = z.strictObject({
  matchId: z.uuid(),
  programId: z.uuid(),
  status: z.string(),
  members: z.array(z.strictObject({ personId: z.uuid(), role: z.string() })),
})
export type WebhookMatchData = z.infer<typeof WebhookMatchDataSchema>

/** Who accepted or declined (never the reason). */
export const WebhookMatchResponseDataSchema = WebhookMatchDataSchema.extend({ personId: z.uuid() })
export type WebhookMatchResponseData = z.infer<typeof WebhookMatchResponseDataSchema>

export const WebhookSessionDataSchema = z.strictObject({
  sessionId: z.uuid(),
  matchId: z.uuid(),
  programId: z.uuid(),
  startsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
})
export type WebhookSessionData = z.infer<typeof WebhookSessionDataSchema>

export const WebhookProgramStatusDataSchema = z.strictObject({
  programId: z.uuid(),
  from: z.string(),
  to: z.string(),
})
export type WebhookProgramStatusData = z.infer<typeof WebhookProgramStatusDataSchema>

/** The data schema of each event type: what a receiver can rely on. */
export const webhookDataSchemas = {
  'person.created': WebhookPersonDataSchema,
  'person.updated': WebhookPersonDataSchema,
  'person.deactivated': WebhookPersonDataSchema,
  'enrollment.created': WebhookEnrollmentDataSchema,
  'match.published': WebhookMatchDataSchema,
  'match.accepted': WebhookMatchResponseDataSchema,
  'match.declined': WebhookMatchResponseDataSchema,
  'match.completed': WebhookMatchDataSchema,
  'session.held': WebhookSessionDataSchema,
  'program.status_changed': WebhookProgramStatusDataSchema,
} as const satisfies Record<WebhookEventType, z.ZodType>

/** The body of every delivery, as the Standard Webhooks specification recommends. */
export const WebhookPayloadSchema = z.strictObject({
  type: WebhookEventTypeSchema,
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
})
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>

// ---- the admin API ------------------------------------------------------------------------------

const EventTypesInputSchema = z
  .array(WebhookEventTypeSchema)
  .min(1, 'must include at least one event')
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, 'must not repeat an event')

const UrlInputSchema = textField({ min: 1, max: 2000 }).refine((value) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
  } catch {
    return false
  }
}, 'must be an http:// or https:// URL without a user name or password')

export const CreateWebhookEndpointBodySchema = z.strictObject({
  url: UrlInputSchema,
  description: textField({ max: 300 }).default(''),
  eventTypes: EventTypesInputSchema,
  isEnabled: z.boolean().default(true),
})
export type CreateWebhookEndpointBody = z.input<typeof CreateWebhookEndpointBodySchema>

export const UpdateWebhookEndpointBodySchema = z
  .strictObject({
    url: UrlInputSchema.optional(),
    description: textField({ max: 300 }).optional(),
    eventTypes: EventTypesInputSchema.optional(),
    isEnabled: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'change at least one field')
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBodySchema>

export const WebhookEndpointParamsSchema = z.object({ endpointId: z.uuid('is not a valid endpoint id') })
export const WebhookDeliveryParamsSchema = z.object({
  endpointId: z.uuid('is not a valid endpoint id'),
  deliveryId: z.uuid('is not a valid delivery id'),
})

export const WebhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.url(),
  description: z.string(),
  eventTypes: z.array(WebhookEventTypeSchema),
  isEnabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>

export const WebhookEndpointListSchema = z.object({ endpoints: z.array(WebhookEndpointSchema) })
export type WebhookEndpointList = z.infer<typeof WebhookEndpointListSchema>

/** The signing secret, shown to admins on demand. */
export const WebhookSecretSchema = z.object({ secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/) })
export type WebhookSecret = z.infer<typeof WebhookSecretSchema>

export const WebhookDeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  attemptedAt: z.iso.datetime(),
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  isRedelivery: z.boolean(),
})

export const WebhookDeliverySchema = z.object({
  id: z.uuid(),
  /** The Standard Webhooks `webhook-id`: the same on every attempt, so a receiver can drop a repeat. */
  eventId: z.uuid(),
  eventType: WebhookEventTypeSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(WebhookDeliveryAttemptSchema),
  createdAt: z.iso.datetime(),
})
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>

export const WebhookDeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) })
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>
