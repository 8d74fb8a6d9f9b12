import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { DatabasePoolSettings } from '#server/config.ts'
import { caught } from '#server/test/caught.ts'
import { createTcpProxy, type TcpProxy } from '#server/test/tcp-proxy.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { createDatabaseAvailability } from './availability.ts'
import { connectDatabase, type DatabaseHandle, isDatabaseReachable } from './connect.ts'
import { isDatabaseUnavailable, isStatementTimeout } from './database-errors.ts'

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

function capturingLogger() {
  const lines: string[] = []
  return {
    lines,
    logger: { warn: (line: string) => lines.push(`warn ${line}`), info: (line: string) => lines.push(`info ${line}`) },
  }
}

describe('database availability (any database)', () => {
  test('an outage is logged once when it starts and once when a query next succeeds', () => {
    let now = 1_000
    const availability = createDatabaseAvailability({ elapsedMs: () => now, settleMs: 0 })
    const { lines, logger } = capturingLogger()
    availability.setLogger(logger)
    availability.recordSuccess()
    expect(lines).toEqual([])
    availability.recordFailure(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    )
    availability.recordFailure(new Error('Connection terminated unexpectedly'))
    now += 2_500
    expect(availability.isDown).toBe(true)
    availability.recordSuccess()
    availability.recordSuccess()
    expect(availability.isDown).toBe(false)
    expect(lines).toEqual([
      'warn database unavailable: connect ECONNREFUSED 127.0.0.1:5432',
      'info database reachable again after 2.5 s',
    ])
  })

  test('failures in between successes (connections dropped one by one) are one outage, over once queries keep succeeding', async () => {
    let now = 0
    const availability = createDatabaseAvailability({ elapsedMs: () => now, settleMs: 50 })
    const { lines, logger } = capturingLogger()
    availability.setLogger(logger)
    availability.recordFailure(new Error('Connection terminated unexpectedly'))
    now = 100
    availability.recordSuccess()
    availability.recordFailure(new Error('Connection terminated unexpectedly'))
    now = 300
    availability.recordSuccess()
    now = 400
    availability.recordSuccess()
    expect(lines).toEqual(['warn database unavailable: Connection terminated unexpectedly'])
    await vi.waitFor(() => expect(lines).toHaveLength(2))
    expect(lines[1]).toBe('info database reachable again after 0.3 s')
    expect(availability.isDown).toBe(false)
  })
})

describe('the embedded database', () => {
  test("its page cache is 16 MB unless EMBEDDED_DB_CACHE_MB says otherwise, not PGlite's 128 MB", async () => {
    const sharedBuffers = async (embeddedCacheMb?: number) => {
      const handle = await connectDatabase({ dataDir: 'memory://', embeddedCacheMb })
      try {
        const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(handle.db)
        return rows[0]?.shared_buffers
      } finally {
        await handle.close()
      }
    }
    expect(await sharedBuffers()).toBe('16MB')
    expect(await sharedBuffers(48)).toBe('48MB')
  }, 120_000)
})

// These need a PostgreSQL server to drop connections of (pg_terminate_backend) and a TCP proxy in
// front of it to cut; the embedded PGlite has no connections to lose.
describe.skipIf(!onPostgres)('PostgreSQL connections (TEST_DATABASE_URL only: needs a server to cut)', () => {
  let direct: DatabaseHandle
  let admin: pg.Client
  let proxy: TcpProxy
  let proxiedUrl: string

  beforeAll(async () => {
    direct = await createTestDb()
    admin = new pg.Client({ connectionString: direct.url })
    await admin.connect()
    const target = new URL(direct.url ?? '')
    proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const through = new URL(target)
    through.hostname = '127.0.0.1'
    through.port = String(proxy.port)
    proxiedUrl = through.toString()
  })
  afterAll(async () => {
    await proxy?.close()
    await admin?.end()
    await direct?.close()
  })

  const openProxied = (pool: Partial<DatabasePoolSettings> = {}) =>
    connectDatabase({ databaseUrl: proxiedUrl, dataDir: '', pool: { connectTimeoutSeconds: 1, ...pool } })

  test('a connection terminated while a transaction holds it fails that transaction only, and the process lives on', async () => {
    // Without an error listener on checked-out clients, the server's 57P01 arrives as an unheard
    // 'error' event between the two statements: an uncaught exception that fails this run.
    const error = await caught(() =>
      direct.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
        const pid = rows[0]?.pid
        await admin.query('select pg_terminate_backend($1)', [pid])
        for (let i = 0; i < 50; i++) {
          const alive = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])
          if (alive.rowCount === 0) break
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        // Let the server's goodbye reach the client while it is checked out and idle.
        await new Promise((resolve) => setTimeout(resolve, 100))
        await sql`select 1`.execute(trx)
      }),
    )
    expect(isDatabaseUnavailable(error), String(error)).toBe(true)
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(direct.db)
    expect(rows).toEqual([{ one: 1 }])
  })

  test('while the database is cut off every query fails as unavailable, one line is logged, and the pool recovers', async () => {
    const handle = await openProxied()
    const { lines, logger } = capturingLogger()
    handle.availability.setLogger(logger)
    try {
      await sql`select 1`.execute(handle.db)
      proxy.cut()
      for (let i = 0; i < 4; i++) {
        const error = await caught(() => sql`select 1`.execute(handle.db))
        expect(isDatabaseUnavailable(error), String(error)).toBe(true)
      }
      expect(await isDatabaseReachable(handle, 1_000)).toBe(false)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^warn database unavailable: /)
      proxy.restore()
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db)
      expect(rows).toEqual([{ one: 1 }])
      await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 3_000 })
      expect(lines[1]).toMatch(/^info database reachable again after \d+\.\d s$/)
    } finally {
      proxy.restore()
      await handle.close()
    }
  })

  test('a database that accepts connections but never answers: a query gives up after the connect timeout, /readyz sooner', async () => {
    const handle = await openProxied({ connectTimeoutSeconds: 1 })
    handle.availability.setLogger(capturingLogger().logger)
    try {
      proxy.silence()
      const reachable = isDatabaseReachable(handle, 500)
      const error = await caught(() => sql`select 1`.execute(handle.db))
      expect(isDatabaseUnavailable(error), String(error)).toBe(true)
      expect(await reachable).toBe(false)
      proxy.restore()
      expect(await isDatabaseReachable(handle, 2_000)).toBe(true)
    } finally {
      proxy.restore()
      await handle.close()
    }
  })

  test('a statement whose answer never comes fails after the read timeout, and its connection is not used again', async () => {
    // The server would answer in 3 s; the session's own statement_timeout is lifted to stand for a
    // server that does not answer at all. The client gives up at 1 s + 0.3 s.
    const handle = await connectDatabase({
      databaseUrl: direct.url,
      dataDir: '',
      pool: { statementTimeoutSeconds: 1, max: 1 },
      readTimeoutMarginMs: 300,
    })
    handle.availability.setLogger(capturingLogger().logger)
    try {
      const error = await caught(() =>
        handle.db.connection().execute(async (connection) => {
          await sql`set statement_timeout = 0`.execute(connection)
          await sql`select pg_sleep(3)`.execute(connection)
        }),
      )
      expect(isDatabaseUnavailable(error), String(error)).toBe(true)
      // The pool's only connection was dropped: the next statement gets a new one, with the limit back.
      const { rows } = await sql<{ limit: string }>`select current_setting('statement_timeout') as limit`.execute(
        handle.db,
      )
      expect(rows).toEqual([{ limit: '1s' }])
    } finally {
      await handle.close()
    }
  })

  test('a statement running past DATABASE_STATEMENT_TIMEOUT_SECONDS is cancelled by the server', async () => {
    const handle = await connectDatabase({ databaseUrl: direct.url, dataDir: '', pool: { statementTimeoutSeconds: 1 } })
    try {
      const error = await caught(() => sql`select pg_sleep(5)`.execute(handle.db))
      expect(isStatementTimeout(error), String(error)).toBe(true)
      expect(isDatabaseUnavailable(error)).toBe(false)
      expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }])
    } finally {
      await handle.close()
    }
  })
})
