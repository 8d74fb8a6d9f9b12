import { sql } from 'kysely'
import type { DatabaseHandle } from './connect.ts'

/** How often a running embedded instance refreshes its planner statistics. */
export const PLANNER_STATISTICS_INTERVAL_MS = 60 * 60_000

/**
 * ANALYZE on the embedded PGlite, which runs no autovacuum: without statistics its planner never
 * learns how large the tables grew and joins them by nested loops (a program dashboard over 2,000
 * people took 3.5 s instead of 0.5 s; `npm run bench insights`). PostgreSQL's autovacuum does this
 * itself, so there it does nothing and answers false.
 */
export async function refreshPlannerStatistics(database: Pick<DatabaseHandle, 'db' | 'kind'>): Promise<boolean> {
  if (database.kind !== 'pglite') return false
  await sql`analyze`.execute(database.db)
  return true
}
