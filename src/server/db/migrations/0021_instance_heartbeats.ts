import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #16 point 4: each running Tandem instance records a heartbeat, so the admins' System page
// lists the instances when several run (one row per process, removed when it stops cleanly).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table instance_heartbeats (
      id uuid primary key,
      hostname text not null,
      pid integer not null,
      version text not null,
      is_job_worker boolean not null,
      started_at timestamptz not null,
      last_seen_at timestamptz not null
    )
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table instance_heartbeats`.execute(db)
}
