import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { type App, buildApp } from '#server/app.ts'
import { type Config, testConfig } from '#server/config.ts'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { countRateLimitHit, readRateLimitCount, sweepEndedRateLimitWindows } from './rate-limits.repository.ts'
import { createRateLimitSetup } from './rate-limits.ts'

// The unsubscribe-link routes allow 30 requests a minute per client address (notifications.routes.ts).
const LIMIT = 30
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

let database: DatabaseHandle
/** A second connection to the same database on PostgreSQL (its own pool, as a second instance has); the same PGlite otherwise. */
let secondDatabase: DatabaseHandle
beforeAll(async () => {
  database = await createTestDb()
  secondDatabase =
    database.kind === 'postgres' && database.url
      ? await connectDatabase({ databaseUrl: database.url, dataDir: '' })
      : database
})
afterAll(async () => {
  if (secondDatabase !== database) await secondDatabase.close()
  await database.close()
})

/** Two instances of the app on one database, as behind a load balancer. */
async function twoInstances(overrides: Partial<Config> = {}, rateLimitKeyPrefix?: string) {
  const apps: App[] = []
  for (const handle of [database, secondDatabase]) {
    const jobs = createJobRunner(handle, { isWorking: false })
    const app = await buildApp({ config: testConfig(overrides), database: handle, jobs, rateLimitKeyPrefix })
    await app.ready()
    apps.push(app)
  }
  return { apps, close: () => Promise.all(apps.map((app) => app.close())) }
}

const unsubscribeInfo = (app: App, remoteAddress: string) =>
  app.inject({ method: 'GET', url: `/api/unsubscribe/${'q'.repeat(43)}`, remoteAddress })

/** Uses the whole budget of `address` on the first instance, then asks the second. */
async function exhaustOnFirstThenAskSecond([first, second]: App[], address: string) {
  for (let i = 0; i < LIMIT; i++) {
    const response = await unsubscribeInfo(first, address)
    expect(response.statusCode).toBe(404)
  }
  return unsubscribeInfo(second, address)
}

function expectRateLimited(response: Awaited<ReturnType<typeof unsubscribeInfo>>) {
  expect(response.statusCode).toBe(429)
  expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('rate_limited')
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
}

describe('rate limits shared by every instance', () => {
  test('in the database: the second instance refuses once the first used the budget; another address is not held back', async () => {
    const { apps, close } = await twoInstances()
    try {
      expectRateLimited(await exhaustOnFirstThenAskSecond(apps, '10.20.0.1'))
      // Back on the first instance, still refused: one count, not one per process.
      expectRateLimited(await unsubscribeInfo(apps[0], '10.20.0.1'))
      expect((await unsubscribeInfo(apps[1], '10.20.0.2')).statusCode).toBe(404)
      const rows = await database.db.selectFrom('rate_limit_counters').select(['key', 'hits']).execute()
      expect(rows).toContainEqual({ key: 'tandem:rate-limit:GET/api/unsubscribe/:token-10.20.0.1', hits: LIMIT + 2 })
    } finally {
      await close()
    }
  })

  test('in Redis when REDIS_URL is set: one count across instances, nothing in the database', async () => {
    const prefix = `tandem-test:${randomUUID()}:`
    const redis = new Redis(REDIS_URL)
    const { apps, close } = await twoInstances({ redisUrl: REDIS_URL }, prefix)
    try {
      await database.db.deleteFrom('rate_limit_counters').execute()
      expectRateLimited(await exhaustOnFirstThenAskSecond(apps, '10.30.0.1'))
      expect((await unsubscribeInfo(apps[1], '10.30.0.2')).statusCode).toBe(404)
      expect(await redis.get(`${prefix}GET/api/unsubscribe/:token-10.30.0.1`)).toBe(String(LIMIT + 1))
      expect(await database.db.selectFrom('rate_limit_counters').selectAll().execute()).toEqual([])
    } finally {
      await close()
      const keys = await redis.keys(`${prefix}*`)
      if (keys.length > 0) await redis.del(...keys)
      await redis.quit()
    }
  })

  test('an unreachable Redis does not fail requests: they are answered, unlimited, until it is back', async () => {
    const port = await closedPort()
    const jobs = createJobRunner(database, { isWorking: false })
    const app = await buildApp({ config: testConfig({ redisUrl: `redis://127.0.0.1:${port}` }), database, jobs })
    await app.ready()
    try {
      for (let i = 0; i < 3; i++) expect((await unsubscribeInfo(app, '10.40.0.1')).statusCode).toBe(404)
    } finally {
      await app.close()
    }
  })

  test('an unreachable Redis is reported once per outage, not once per request or reconnection', async () => {
    const warnings: string[] = []
    const setup = createRateLimitSetup({
      redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      db: database.db,
      clock: { now: () => new Date() },
      warn: (message) => warnings.push(message),
    })
    try {
      const redis = setup.options.redis as Redis
      for (let attempt = 0; attempt < 3; attempt++) {
        await once(redis, 'error')
        await expect(redis.get('x')).rejects.toThrow()
      }
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/^Redis \(REDIS_URL\) unreachable, rate limits are not applied until it is back/)
    } finally {
      await setup.close()
    }
  })
})

describe('the database counter', () => {
  const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, seconds))

  test('counts in a fixed window, starts again when it ended, and reads without counting', async () => {
    const key = `test:${randomUUID()}`
    expect(await countRateLimitHit(database.db, key, 60_000, at(0))).toEqual({ current: 1, ttl: 60_000 })
    expect(await countRateLimitHit(database.db, key, 60_000, at(10))).toEqual({ current: 2, ttl: 50_000 })
    expect(await readRateLimitCount(database.db, key, at(20))).toEqual({ current: 2, ttl: 40_000 })
    expect(await readRateLimitCount(database.db, key, at(60))).toEqual({ current: 0, ttl: 0 })
    expect(await countRateLimitHit(database.db, key, 60_000, at(60))).toEqual({ current: 1, ttl: 60_000 })
  })

  test('concurrent requests are each counted once', async () => {
    const key = `test:${randomUUID()}`
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        countRateLimitHit(i % 2 === 0 ? database.db : secondDatabase.db, key, 60_000, at(0)),
      ),
    )
    expect(counts.map((count) => count.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    )
  })

  test('the sweep removes windows that ended and keeps running ones', async () => {
    const ended = `test:${randomUUID()}`
    const running = `test:${randomUUID()}`
    await countRateLimitHit(database.db, ended, 1_000, at(0))
    await countRateLimitHit(database.db, running, 60_000, at(0))
    await sweepEndedRateLimitWindows(database.db, at(5))
    const keys = (await database.db.selectFrom('rate_limit_counters').select('key').execute()).map((row) => row.key)
    expect(keys).not.toContain(ended)
    expect(keys).toContain(running)
  })
})

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
