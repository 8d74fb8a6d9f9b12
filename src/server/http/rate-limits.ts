import type { FastifyRateLimitStoreCtor, RateLimitPluginOptions } from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { Clock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import {
  countRateLimitHit,
  type RateLimitCount,
  readRateLimitCount,
  sweepEndedRateLimitWindows,
} from './rate-limits.repository.ts'

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
