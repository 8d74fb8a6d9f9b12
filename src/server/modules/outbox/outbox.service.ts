import type { EmailBodyHidden, MailMode, OutboxEmail, OutboxPage } from '#contracts/outbox.ts'
import type { Db } from '#server/db/connect.ts'
import type { OutboxEmailRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { findOutboxEmail, listOutboxEmails } from './outbox.repository.ts'

/** Without SMTP the outbox is the development mail catcher; with it, a delivery log. */
export function mailModeOf(smtpUrl: string | undefined): MailMode {
  return smtpUrl ? 'smtp' : 'mail_catcher'
}

/**
 * Whether the viewer may read this email's body, and if not why. With SMTP nobody reads bodies. In
 * the mail catcher admins read invitations (how people are onboarded) and sign-in resets (an audited
 * admin action the person is told about), but a password-reset link only if it is their own: read by
 * anyone else it would be a working credential for another person's account.
 */
export function bodyHiddenFor(row: OutboxEmailRow, mode: MailMode, viewer: Viewer): EmailBodyHidden | null {
  if (mode === 'smtp' || row.transport === 'smtp') return 'smtp'
  if (row.text_body === null) return 'purged'
  const isSharedWithAdmins = row.kind === 'invitation' || row.kind === 'sign_in_reset'
  if (row.has_credential && !isSharedWithAdmins && row.recipient_person_id !== viewer.personId) {
    return 'credential_for_someone_else'
  }
  return null
}

function statusOf(row: OutboxEmailRow): OutboxEmail['status'] {
  if (row.transport === 'outbox') return 'caught'
  if (row.sent_at) return 'sent'
  return row.error ? 'failed' : 'queued'
}

export function toOutboxEmail(row: OutboxEmailRow, mode: MailMode, viewer: Viewer): OutboxEmail {
  const bodyHidden = bodyHiddenFor(row, mode, viewer)
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    kind: row.kind,
    hasCredential: row.has_credential,
    transport: row.transport,
    status: statusOf(row),
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    sentAt: toIso(row.sent_at),
    text: bodyHidden ? null : row.text_body,
    html: bodyHidden ? null : row.html_body,
    bodyHidden,
  }
}

/** The mail the viewer's organization sent or kept, newest first, one page at a time; bodies only where the viewer may read them. */
export async function listOutbox(
  db: Db,
  mode: MailMode,
  viewer: Viewer,
  query: { limit: number; cursor?: string },
): Promise<OutboxPage> {
  // One row more than asked tells whether another page follows.
  const rows = await listOutboxEmails(db, viewer.organizationId, { limit: query.limit + 1, afterId: query.cursor })
  const page = rows.slice(0, query.limit)
  return {
    mode,
    emails: page.map((row) => toOutboxEmail(row, mode, viewer)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  }
}

export async function getOutboxEmail(db: Db, mode: MailMode, viewer: Viewer, emailId: string): Promise<OutboxEmail> {
  const row = await findOutboxEmail(db, viewer.organizationId, emailId)
  if (!row) throw notFound('Email')
  return toOutboxEmail(row, mode, viewer)
}
