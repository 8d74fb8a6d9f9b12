import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseHandle } from './connect.ts'
import { isSchemaCurrent, migrateToLatest } from './migrate.ts'

let database: DatabaseHandle
beforeAll(async () => {
  database = await connectDatabase({ dataDir: 'memory://' })
}, 120_000)
afterAll(() => database.close())

test('a start on a current schema reads the applied migrations once and runs none; anything else goes to the migrator', async () => {
  expect(await isSchemaCurrent(database.db)).toBe(false) // no migration table yet
  const applied = await migrateToLatest(database.db)
  expect(applied.length).toBeGreaterThan(10)
  expect(applied[0]).toBe('0001_foundation')
  expect(await isSchemaCurrent(database.db)).toBe(true)
  expect(await migrateToLatest(database.db)).toEqual([])

  // A migration the code does not have (a newer release's database): not current, so Kysely's
  // migrator sees it and refuses, as before.
  await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2026-01-01')`.execute(
    database.db,
  )
  expect(await isSchemaCurrent(database.db)).toBe(false)
  await expect(migrateToLatest(database.db)).rejects.toThrow(/9999_from_the_future/)
}, 120_000)
