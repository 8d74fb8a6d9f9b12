import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** A window's count as @fastify/rate-limit reads it: requests so far, and milliseconds until the window ends. */
export interface RateLimitCount {
  current: number
  ttl: number
}

/** Ended windows removed per sweep: enough to outpace new keys, small enough to stay a quick statement. */
const SWEEP_BATCH = 100

/**
 * Counts one request against `key` in a fixed window of `windowMs`, in one statement: a new key or
 * a key whose window has ended starts a window at 1; otherwise the count goes up by one. Concurrent
 * requests (from any instance) wait on the row, so none is lost.
 */
export async function countRateLimitHit(db: Db, key: string, windowMs: number, now: Date): Promise<RateLimitCount> {
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, hits: 1, window_ends_at: new Date(now.getTime() + windowMs) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit_counters.window_ends_at <= ${now} then 1 else rate_limit_counters.hits + 1 end`,
        window_ends_at: sql<Date>`case when rate_limit_counters.window_ends_at <= ${now}
          then excluded.window_ends_at else rate_limit_counters.window_ends_at end`,
      }),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow()
  return { current: row.hits, ttl: Math.max(0, row.window_ends_at.getTime() - now.getTime()) }
}

/** The count of `key`'s current window without counting a request (0 when none is running). */
export async function readRateLimitCount(db: Db, key: string, now: Date): Promise<RateLimitCount> {
  const row = await db
    .selectFrom('rate_limit_counters')
    .select(['hits', 'window_ends_at'])
    .where('key', '=', key)
    .where('window_ends_at', '>', now)
    .executeTakeFirst()
  return row ? { current: row.hits, ttl: row.window_ends_at.getTime() - now.getTime() } : { current: 0, ttl: 0 }
}

/**
 * Deletes up to SWEEP_BATCH keys whose window ended (a client that never came back). Rows another
 * statement holds are skipped, so a sweep never waits, and it runs as its own statement, after the
 * count, so it cannot deadlock with one.
 */
export async function sweepEndedRateLimitWindows(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where('key', 'in', (select) =>
      select
        .selectFrom('rate_limit_counters')
        .select('key')
        .where('window_ends_at', '<=', now)
        .limit(SWEEP_BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
