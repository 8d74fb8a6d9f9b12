import { z } from 'zod'

/** An email the instance sent (transport smtp) or kept for the development outbox (transport outbox). */
export const OutboxEmailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  transport: z.enum(['outbox', 'smtp']),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
})
export type OutboxEmail = z.infer<typeof OutboxEmailSchema>

export const OutboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.uuid('is not a valid cursor').optional(),
})
export type OutboxQuery = z.input<typeof OutboxQuerySchema>

/** Newest first; `nextCursor` is null on the last page. */
export const OutboxPageSchema = z.object({
  emails: z.array(OutboxEmailSchema),
  nextCursor: z.string().nullable(),
})
export type OutboxPage = z.infer<typeof OutboxPageSchema>

export const OutboxEmailParamsSchema = z.object({ id: z.uuid('is not a valid email id') })
