import type { Insertable, Updateable } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { OutboxEmailsTable } from '#server/db/schema.ts'

/** Records one message in outbox_emails; returns its id. */
export async function insertOutboxEmail(db: Db, values: Insertable<OutboxEmailsTable>): Promise<string> {
  const row = await db.insertInto('outbox_emails').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/**
 * Claims an unsent row for `claimant` in one conditional update: unclaimed, claimed by the same
 * claimant, or claimed before `staleBefore`. Undefined when another claim holds it or it was sent.
 */
export function claimUnsentOutboxEmail(db: Db, outboxEmailId: string, claimant: string, now: Date, staleBefore: Date) {
  return db
    .updateTable('outbox_emails')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), claimed_by: claimant, claimed_at: now }))
    .where('id', '=', outboxEmailId)
    .where('sent_at', 'is', null)
    .where((eb) =>
      eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', claimant), eb('claimed_at', '<', staleBefore)]),
    )
    .returningAll()
    .executeTakeFirst()
}

export function findOutboxEmailClaim(db: Db, outboxEmailId: string) {
  return db
    .selectFrom('outbox_emails')
    .select(['sent_at', 'claimed_by'])
    .where('id', '=', outboxEmailId)
    .executeTakeFirst()
}

/**
 * Ends a claim that did not send (an SMTP error, a purged body), so the next attempt need not
 * wait; a no-op once another job holds it.
 */
export async function releaseOutboxEmailClaim(
  db: Db,
  outboxEmailId: string,
  claimant: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set({ error, claimed_by: null, claimed_at: null })
    .where('id', '=', outboxEmailId)
    .where('claimed_by', '=', claimant)
    .execute()
}

export async function updateOutboxEmail(
  db: Db,
  outboxEmailId: string,
  changes: Updateable<OutboxEmailsTable>,
): Promise<void> {
  await db.updateTable('outbox_emails').set(changes).where('id', '=', outboxEmailId).execute()
}
