import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #12 point 3: an email is sent exactly once. The job that delivers an outbox email claims the
// row first (claimed_by: the job's id, claimed_at: when), so a second job for the same row, or a
// second instance, never sends it while the first is at it; a retry of the same job (its worker
// died) takes its own claim over at once, and a claim older than a few minutes is stale.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_emails add column claimed_by text`.execute(db)
  await sql`alter table outbox_emails add column claimed_at timestamptz`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_emails drop column claimed_at`.execute(db)
  await sql`alter table outbox_emails drop column claimed_by`.execute(db)
}
