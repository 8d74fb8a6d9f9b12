import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export interface JobRow {
  id: string
  name: string
  state: 'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled'
  description: string | null
  retry_count: number
  retry_limit: number
  error: string | null
  created_on: Date
  started_on: Date | null
  completed_on: Date | null
  start_after: Date
}

// pg-boss's own table (schema `pgboss`): read with SQL, as pg-boss documents, filtered by the
// organization every job carries in its data.
const columns = sql`id::text as id, name, state::text as state, data->>'description' as description,
  retry_count, retry_limit, coalesce(output->>'message', output->'value'->>'message') as error,
  created_on, started_on, completed_on, start_after`

export async function listJobs(
  db: Db,
  organizationId: string,
  queues: string[],
  state: string,
  limit: number,
): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    select ${columns} from pgboss.job
    where name = any(${queues}::text[]) and data->>'organizationId' = ${organizationId} and state::text = ${state}
    order by created_on desc, id
    limit ${limit}`.execute(db)
  return result.rows
}

export async function findJob(
  db: Db,
  organizationId: string,
  queues: string[],
  id: string,
): Promise<JobRow | undefined> {
  const result = await sql<JobRow>`
    select ${columns} from pgboss.job
    where id = ${id}::uuid and name = any(${queues}::text[]) and data->>'organizationId' = ${organizationId}`.execute(
    db,
  )
  return result.rows[0]
}
