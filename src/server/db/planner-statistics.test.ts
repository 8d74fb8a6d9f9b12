import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { refreshPlannerStatistics } from './planner-statistics.ts'

let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDb()
  await sql`create table probe_rows (id int primary key)`.execute(handle.db)
  await sql`insert into probe_rows select generate_series(1, 2000)`.execute(handle.db)
})
afterAll(() => handle.close())

const estimatedRows = async () =>
  Number(
    (await sql<{ n: number }>`select reltuples as n from pg_class where relname = 'probe_rows'`.execute(handle.db))
      .rows[0]?.n,
  )

test('on the embedded database the planner learns the table sizes; PostgreSQL is left to its autovacuum', async () => {
  if (handle.kind === 'pglite') {
    // Never analyzed: PostgreSQL 14+ says -1.
    expect(await estimatedRows()).toBeLessThan(0)
    expect(await refreshPlannerStatistics(handle)).toBe(true)
    expect(await estimatedRows()).toBe(2000)
  } else {
    expect(await refreshPlannerStatistics(handle)).toBe(false)
  }
})
