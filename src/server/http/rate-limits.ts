import type { FastifyRateLimitStoreCtor, RateLimitPluginOptions } from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import type { Clock } from '#server/clock.ts'
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

/** What the store needs from the plugin's options: the route it counts for (absent for the plugin-wide store). */
interface StoreOptions {
  continueExceeding?: boolean
  exponentialBackoff?: boolean
  routeInfo?: { method?: string | string[]; url?: string }
}

/**
 * A @fastify/rate-limit store on the app's database (PostgreSQL or the embedded PGlite), so every
 * instance on one database counts against the same limit. Fixed windows only: the plugin's
 * continueExceeding and exponentialBackoff are refused rather than silently ignored.
 */
export function createDatabaseRateLimitStore(
  db: Db,
  clock: Clock,
  options: { keyPrefix?: string; onSweepError?: (error: Error) => void } = {},
): FastifyRateLimitStoreCtor {
  const onSweepError = options.onSweepError ?? (() => {})
  // The plugin passes its merged route options to child() (typed there as Fastify's RouteOptions).
  class DatabaseRateLimitStore {
    readonly prefix: string

    constructor(storeOptions: StoreOptions, prefix = options.keyPrefix ?? '') {
      if (storeOptions.continueExceeding || storeOptions.exponentialBackoff) {
        throw new Error('The database rate-limit store counts fixed windows only (no continueExceeding or backoff)')
      }
      this.prefix = prefix
    }

    incr(key: string, callback: (error: Error | null, result?: RateLimitCount) => void, timeWindow: number) {
      const now = clock.now()
      countRateLimitHit(db, this.prefix + key, timeWindow, now).then(async (count) => {
        // A window starts for a new client: the moment to clear out a few that ended (amortized, bounded).
        if (count.current === 1) await sweepEndedRateLimitWindows(db, now).catch(onSweepError)
        callback(null, count)
      }, callback)
    }

    read(key: string, callback: (error: Error | null, result?: RateLimitCount) => void) {
      readRateLimitCount(db, this.prefix + key, clock.now()).then((count) => callback(null, count), callback)
    }

    child(routeOptions: StoreOptions): DatabaseRateLimitStore {
      const { method = '', url = '' } = routeOptions.routeInfo ?? {}
      return new DatabaseRateLimitStore(routeOptions, `${this.prefix}${method}${url}-`)
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor
}

export interface RateLimitSetup {
  /** The options @fastify/rate-limit is registered with. */
  options: RateLimitPluginOptions
  /** Where the counts live, for the logs. */
  backend: 'redis' | 'database'
  /** Resolves once the store answers or has failed to (Redis' first connection); at once for the database. */
  waitUntilConnected(): Promise<void>
  close(): Promise<void>
}

/**
 * Where rate limits are counted: in Redis when REDIS_URL is set (the plugin's own store, with
 * ioredis), otherwise in the database. Either way every instance shares the count. Requests are
 * not limited while Redis is unreachable (it only guards against hammering; the database stays
 * the source of truth), with one warning per outage; a database store fails with the database.
 */
export function createRateLimitSetup(input: {
  redisUrl: string | undefined
  db: Db
  clock: Clock
  keyPrefix?: string
  warn: (message: string) => void
}): RateLimitSetup {
  const keyPrefix = input.keyPrefix ?? 'tandem:rate-limit:'
  if (!input.redisUrl) {
    return {
      backend: 'database',
      options: {
        global: false,
        store: createDatabaseRateLimitStore(input.db, input.clock, {
          keyPrefix,
          onSweepError: (error) => input.warn(`Rate-limit sweep failed: ${error.message}`),
        }),
      },
      waitUntilConnected: async () => {},
      close: async () => {},
    }
  }
  // @fastify/rate-limit's README advises a short connect timeout and few retries; with no offline
  // queue a request does not wait for Redis at all while it is unreachable (it fails, and is let through).
  const redis = new Redis(input.redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false })
  let isDown = false
  redis.on('error', (error: Error) => {
    if (isDown) return
    isDown = true
    input.warn(`Redis (REDIS_URL) unreachable, rate limits are not applied until it is back: ${error.message}`)
  })
  redis.on('ready', () => {
    isDown = false
  })
  return {
    backend: 'redis',
    options: { global: false, redis, nameSpace: keyPrefix, skipOnError: true },
    waitUntilConnected: () =>
      new Promise<void>((resolve) => {
        if (redis.status === 'ready' || isDown) return resolve()
        redis.once('ready', resolve)
        redis.once('error', () => resolve())
      }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
