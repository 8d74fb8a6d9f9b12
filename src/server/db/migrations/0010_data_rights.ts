import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #11 point 4 (data rights): an erased person keeps a row (matches, sessions and program
// figures point at it) marked by `erased_at`, and an organization may choose to delete private
// reflections and check-in notes a number of months after a match ends (null: never).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table people add column erased_at timestamptz`.execute(db)
  await sql`alter table organizations add column retention_months integer`.execute(db)
  await sql`alter table organizations add constraint organizations_retention_months_check check (retention_months between 1 and 120)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table organizations drop column retention_months`.execute(db)
  await sql`alter table people drop column erased_at`.execute(db)
}
