import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #14 point 1: the program dashboard and the organization overview read a snapshot of each
// program's counts and sums, refreshed by a durable job at least every minute (decision 029).
// One row per program: when the figures were computed (the app's clock), the program settings they
// were computed with (a change of settings makes the row unusable until it is computed again), and
// the counts and sums as JSON. Whole numbers, statuses and ids only: no names, no answers, so an
// erasure leaves nothing behind here and the privacy threshold is applied when the row is read.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table program_insight_snapshots (
      program_id uuid primary key references programs (id) on delete cascade,
      organization_id uuid not null references organizations (id) on delete cascade,
      as_of timestamptz not null,
      settings_key text not null,
      sums jsonb not null
    )
  `.execute(db)
  await sql`create index program_insight_snapshots_organization_idx on program_insight_snapshots (organization_id)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table program_insight_snapshots`.execute(db)
}
