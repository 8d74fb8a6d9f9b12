import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #11 point 5: every security-relevant event records the client address it came from and
// whether it succeeded (a failed sign-in is an event too), so admins can read who did what, when,
// from where and with which outcome.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events add column address text`.execute(db)
  await sql`alter table audit_events add column outcome text not null default 'succeeded'`.execute(db)
  await sql`alter table audit_events add constraint audit_events_outcome_check check (outcome in ('succeeded', 'failed'))`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop column outcome`.execute(db)
  await sql`alter table audit_events drop column address`.execute(db)
}
