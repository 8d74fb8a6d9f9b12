import type { OutboxEmail, OutboxPage } from '#contracts/outbox.ts'
import type { Db } from '#server/db/connect.ts'
import type { OutboxEmailRow } from '#server/db/schema.ts'
import { notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { findOutboxEmail, listOutboxEmails } from './outbox.repository.ts'

export function toOutboxEmail(row: OutboxEmailRow): OutboxEmail {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    transport: row.transport,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  }
}

/** The mail the viewer's organization sent or kept, newest first, one page at a time. */
export async function listOutbox(
  db: Db,
  viewer: Viewer,
  query: { limit: number; cursor?: string },
): Promise<OutboxPage> {
  // One row more than asked tells whether another page follows.
  const rows = await listOutboxEmails(db, viewer.organizationId, { limit: query.limit + 1, afterId: query.cursor })
  const page = rows.slice(0, query.limit)
  return {
    emails: page.map(toOutboxEmail),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  }
}

export async function getOutboxEmail(db: Db, viewer: Viewer, emailId: string): Promise<OutboxEmail> {
  const row = await findOutboxEmail(db, viewer.organizationId, emailId)
  if (!row) throw notFound('Email')
  return toOutboxEmail(row)
}
