import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { InstanceHeartbeatsTable } from '#server/db/schema.ts'

/** Writes (or refreshes) this instance's heartbeat. */
export async function upsertHeartbeat(db: Db, row: InstanceHeartbeatsTable): Promise<void> {
  await db
    .insertInto('instance_heartbeats')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ last_seen_at: row.last_seen_at }))
    .execute()
}

export async function deleteHeartbeat(db: Db, id: string): Promise<void> {
  await db.deleteFrom('instance_heartbeats').where('id', '=', id).execute()
}

/** Instances seen since `since`, newest start first; older rows (a process killed without stopping) are removed. */
export async function listLiveInstances(db: Db, since: Date) {
  await db.deleteFrom('instance_heartbeats').where('last_seen_at', '<', since).execute()
  return db.selectFrom('instance_heartbeats').selectAll().orderBy('started_at', 'desc').orderBy('id').execute()
}

/** The database's size in bytes (PostgreSQL's own count; the embedded database answers it too). */
export async function databaseSizeBytes(db: Db): Promise<number | null> {
  const result = await sql<{ size: string | number }>`select pg_database_size(current_database()) as size`
    .execute(db)
    .catch(() => null)
  const size = result?.rows[0]?.size
  return size === undefined ? null : Number(size)
}

export async function listAppliedMigrations(db: Db): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return result.rows.map((row) => row.name)
}

/**
 * The organization's emails of the last 24 hours: sent, failed (an error and not sent), still queued.
 * Their created_at is the database's time (its default), so the window is counted on the database's
 * clock too, never compared with the app's (decision 018).
 */
export async function countEmailsOfLastDay(db: Db, organizationId: string) {
  const row = await db
    .selectFrom('outbox_emails')
    .where('organization_id', '=', organizationId)
    .where('created_at', '>=', sql<Date>`now() - interval '1 day'`)
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('sent_at', 'is not', null).as('sent'),
      eb.fn
        .count<number>('id')
        .filterWhere((inner) => inner.and([inner('sent_at', 'is', null), inner('error', 'is not', null)]))
        .as('failed'),
      eb.fn
        .count<number>('id')
        .filterWhere((inner) => inner.and([inner('sent_at', 'is', null), inner('error', 'is', null)]))
        .as('queued'),
    ])
    .executeTakeFirstOrThrow()
  return { sent: Number(row.sent), failed: Number(row.failed), queued: Number(row.queued) }
}

/** The organization's latest matching runs, newest first, with their program's name. */
export function listLatestMatchingRuns(db: Db, organizationId: string, limit: number) {
  return db
    .selectFrom('matching_runs as r')
    .innerJoin('programs as p', (join) =>
      join.onRef('p.id', '=', 'r.program_id').onRef('p.organization_id', '=', 'r.organization_id'),
    )
    .where('r.organization_id', '=', organizationId)
    .select([
      'r.id',
      'r.program_id',
      'p.name as program_name',
      'r.run_number',
      'r.status',
      'r.started_at',
      'r.finished_at',
      'r.created_at',
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute()
}
