import Fastify from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { registerErrorHandler } from '#server/http/error-handler.ts'
import { caught } from '#server/test/caught.ts'
import { createTestDb } from '#server/test/test-db.ts'
import {
  isConcurrentConflict,
  isDatabaseUnavailable,
  isDataError,
  isStatementTimeout,
  isUniqueViolation,
  uniqueViolationAs,
} from './database-errors.ts'

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDb()
  await sql`create table probe (id int primary key, n int not null default 0)`.execute(handle.db)
  await sql`insert into probe (id) values (1), (2)`.execute(handle.db)
  await sql`create table data_probe (t text, j jsonb, d date, ts timestamptz, small smallint, short varchar(3), u uuid)`.execute(
    handle.db,
  )
})
afterAll(() => handle.close())

/** Two transactions that lock the same two rows in opposite orders: PostgreSQL kills one of them. */
async function deadlock(): Promise<unknown> {
  const { db } = handle
  let release: () => void = () => {}
  const bothLocked = new Promise<void>((resolve) => {
    let count = 0
    release = () => {
      count += 1
      if (count === 2) resolve()
    }
  })
  const lockInOrder = (first: number, second: number) =>
    db.transaction().execute(async (trx) => {
      await sql`update probe set n = n + 1 where id = ${first}`.execute(trx)
      release()
      await bothLocked
      await sql`update probe set n = n + 1 where id = ${second}`.execute(trx)
    })
  const results = await Promise.allSettled([lockInOrder(1, 2), lockInOrder(2, 1)])
  const failures = results.filter((result) => result.status === 'rejected')
  expect(failures).toHaveLength(1)
  return (failures[0] as PromiseRejectedResult).reason
}

describe('database errors', () => {
  test('a unique constraint refusal is recognized, and is not a concurrent conflict', async () => {
    const error = await caught(() => sql`insert into probe (id) values (1)`.execute(handle.db))
    expect(isUniqueViolation(error)).toBe(true)
    expect(isConcurrentConflict(error)).toBe(false)
    expect(isUniqueViolation(new Error('no code'))).toBe(false)
    expect(isUniqueViolation(null)).toBe(false)
  })

  test("uniqueViolationAs answers a unique refusal with the caller's error, and lets anything else through", async () => {
    const taken = new Error('taken')
    const duplicate = () => sql`insert into probe (id) values (1)`.execute(handle.db)
    expect(await caught(() => uniqueViolationAs(duplicate(), () => taken))).toBe(taken)
    expect(isUniqueViolation(await caught(() => uniqueViolationAs(duplicate(), () => undefined)))).toBe(true)
    const missing = await caught(() =>
      uniqueViolationAs(sql`select * from no_such_table`.execute(handle.db), () => taken),
    )
    expect(missing).not.toBe(taken)
    expect(await uniqueViolationAs(Promise.resolve('written'), () => taken)).toBe('written')
  })

  test.runIf(onPostgres)(
    'a real deadlock is a concurrent conflict, and the API answers 409 concurrent_change',
    async () => {
      const error = await deadlock()
      expect(isConcurrentConflict(error)).toBe(true)
      expect(isUniqueViolation(error)).toBe(false)

      const app = Fastify({ logger: false })
      registerErrorHandler(app)
      app.get('/collide', async () => {
        throw error
      })
      const response = await app.inject({ method: 'GET', url: '/collide' })
      await app.close()
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('concurrent_change')
      expect(response.json().error.message).toMatch(/try again/)
    },
  )

  test('any other database error stays a 500 that names the request, never its SQL', async () => {
    const error = await caught(() => sql`select * from no_such_table`.execute(handle.db))
    expect(isConcurrentConflict(error)).toBe(false)
    const app = Fastify({ logger: false })
    registerErrorHandler(app)
    app.get('/broken', async () => {
      throw error
    })
    const response = await app.inject({ method: 'GET', url: '/broken' })
    await app.close()
    expect(response.statusCode).toBe(500)
    expect(response.json().error.code).toBe('internal_error')
    expect(response.body).not.toContain('no_such_table')
  })

  // Each value PostgreSQL itself refuses, sent as a bound parameter exactly as a repository would.
  const refusedValues: [string, () => Promise<unknown>][] = [
    ['a NUL in text (22021)', () => sql`insert into data_probe (t) values (${'a\u0000b'})`.execute(handle.db)],
    [
      'a lone surrogate in JSONB (22P05)',
      () => sql`insert into data_probe (j) values (${JSON.stringify({ a: '\ud800' })}::jsonb)`.execute(handle.db),
    ],
    ['not JSON (22P02)', () => sql`insert into data_probe (j) values (${'{nope'}::jsonb)`.execute(handle.db)],
    [
      'an instant past the last PostgreSQL holds (22008)',
      () => sql`insert into data_probe (ts) values (${'300000-01-01T00:00:00Z'}::timestamptz)`.execute(handle.db),
    ],
    [
      'a date that does not exist (22008)',
      () => sql`insert into data_probe (d) values (${'2026-02-30'}::date)`.execute(handle.db),
    ],
    ['a number out of range (22003)', () => sql`insert into data_probe (small) values (${100_000})`.execute(handle.db)],
    [
      'text too long for its column (22001)',
      () => sql`insert into data_probe (short) values (${'abcd'})`.execute(handle.db),
    ],
    ['not a uuid (22P02)', () => sql`insert into data_probe (u) values (${'not-a-uuid'})`.execute(handle.db)],
  ]

  test.each(refusedValues)(
    '%s is a data error, answered 422 invalid_data, and nothing is stored',
    async (_name, write) => {
      const error = await caught(write)
      expect(isDataError(error)).toBe(true)
      expect(isConcurrentConflict(error)).toBe(false)
      const app = Fastify({ logger: false })
      registerErrorHandler(app)
      app.post('/store', async () => {
        throw error
      })
      const response = await app.inject({ method: 'POST', url: '/store', payload: {} })
      await app.close()
      expect(response.statusCode).toBe(422)
      expect(response.json().error.code).toBe('invalid_data')
      const { rows } = await sql<{ count: string }>`select count(*)::text as count from data_probe`.execute(handle.db)
      expect(rows[0]?.count).toBe('0')
    },
  )

  test('a missing table is not a data error', async () => {
    const error = await caught(() => sql`select * from no_such_table`.execute(handle.db))
    expect(isDataError(error)).toBe(false)
    expect(isDataError(new Error('no code'))).toBe(false)
  })
})

describe('an unreachable database', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

  test('connection-level failures are recognized, whichever layer reports them', () => {
    const unreachable = [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('connect ETIMEDOUT 10.0.0.9:5432', 'ETIMEDOUT'),
      withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'),
      withCode('getaddrinfo EAI_AGAIN db.internal', 'EAI_AGAIN'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated') }),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection due to crash of another server process', '57P02'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ]
    for (const error of unreachable) expect(isDatabaseUnavailable(error), error.message).toBe(true)
  })

  test('a refusal by a reachable database is not an outage', () => {
    const answered = [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('deadlock detected', '40P01'),
      withCode('canceling statement due to statement timeout', '57014'),
      withCode('relation "x" does not exist', '42P01'),
      new Error('no code'),
    ]
    for (const error of answered) expect(isDatabaseUnavailable(error), error.message).toBe(false)
    expect(isStatementTimeout(withCode('canceling statement due to statement timeout', '57014'))).toBe(true)
  })
})
