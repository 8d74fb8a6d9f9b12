import { z } from 'zod'

/** What an email is: the first three carry a sign-in link (a credential). */
export const EmailKindSchema = z.enum(['invitation', 'password_reset', 'sign_in_reset', 'notification'])
export type EmailKind = z.infer<typeof EmailKindSchema>

/** caught: kept by the development mail catcher (no SMTP); queued, sent, failed: SMTP delivery (failed = the last attempt failed). */
export const EmailStatusSchema = z.enum(['caught', 'queued', 'sent', 'failed'])
export type EmailStatus = z.infer<typeof EmailStatusSchema>

/**
 * Why `text` and `html` are null: `smtp` (with a mail server the outbox shows delivery metadata only),
 * `credential_for_someone_else` (a password-reset link for another person, never shown), `purged`
 * (a credential's body is deleted once delivered).
 */
export const EmailBodyHiddenSchema = z.enum(['smtp', 'credential_for_someone_else', 'purged'])
export type EmailBodyHidden = z.infer<typeof EmailBodyHiddenSchema>

/** The outbox is a development mail catcher without SMTP_URL, a delivery log with it. */
export const MailModeSchema = z.enum(['mail_catcher', 'smtp'])
export type MailMode = z.infer<typeof MailModeSchema>

/** An email the instance sent (transport smtp) or kept for the development mail catcher (transport outbox). */
export const OutboxEmailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  kind: EmailKindSchema,
  hasCredential: z.boolean(),
  transport: z.enum(['outbox', 'smtp']),
  status: EmailStatusSchema,
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** Null whenever `bodyHidden` says why. */
  text: z.string().nullable(),
  html: z.string().nullable(),
  bodyHidden: EmailBodyHiddenSchema.nullable(),
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
  mode: MailModeSchema,
  emails: z.array(OutboxEmailSchema),
  nextCursor: z.string().nullable(),
})
export type OutboxPage = z.infer<typeof OutboxPageSchema>

export const OutboxEmailParamsSchema = z.object({ id: z.uuid('is not a valid email id') })
