import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Matching runs move onto the durable job queue (pg-boss, which installs its own `pgboss` schema
// when the app starts). Runs left queued or running by the earlier in-process runner have no job
// and would never finish: they are failed here, so their programs can be run again.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update matching_runs
    set status = 'failed',
        error = 'The run was interrupted (the server stopped before it finished)',
        finished_at = now()
    where status in ('queued', 'running')
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(_db: Kysely<any>): Promise<void> {}
