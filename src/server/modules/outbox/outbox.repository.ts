import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** One organization's mail, newest first; `afterId` continues after that email (keyset pagination). */
export function listOutboxEmails(db: Db, organizationId: string, options: { limit: number; afterId?: string }) {
  let query = db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
  if (options.afterId !== undefined) {
    // Compare with the stored timestamp itself: a cursor carrying a JavaScript Date would lose microseconds.
    query = query.where(
      sql<boolean>`(created_at, id) < (select c.created_at, c.id from outbox_emails c where c.id = ${options.afterId} and c.organization_id = ${organizationId})`,
    )
  }
  return query.execute()
}

export function findOutboxEmail(db: Db, organizationId: string, emailId: string) {
  return db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', emailId)
    .executeTakeFirst()
}
