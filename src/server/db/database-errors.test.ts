import Fastify from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { registerErrorHandler } from '#server/http/error-handler.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { isConcurrentConflict, isUniqueViolation } from './database-errors.ts'

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDb()
  await sql`create table probe (id int primary key, n int not null default 0)`.execute(handle.db)
  await sql`insert into probe (id) values (1), (2)`.execute(handle.db)
})
afterAll(() => handle.close())

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected the work to fail')
}

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
})
