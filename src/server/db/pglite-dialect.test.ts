import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseHandle } from './connect.ts'

let database: DatabaseHandle

beforeAll(async () => {
  database = await connectDatabase({ dataDir: 'memory://' })
  await sql`create table ledger (seq integer primary key, writer integer not null)`.execute(database.db)
})
afterAll(() => database.close())

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5))

test('concurrent transactions on PGlite neither interleave nor lose rows', async () => {
  const writers = Array.from({ length: 25 }, (_, writer) =>
    database.db.transaction().execute(async (trx) => {
      // Read-then-write with a pause in between: on a shared, unserialized session two writers
      // would read the same max and the second insert would fail on the primary key.
      const { max } = await trx
        .selectFrom(sql<{ seq: number }>`ledger`.as('l'))
        .select(sql<number | null>`max(seq)`.as('max'))
        .executeTakeFirstOrThrow()
      await pause()
      await sql`insert into ledger (seq, writer) values (${(max ?? 0) + 1}, ${writer})`.execute(trx)
      await pause()
      await sql`insert into ledger (seq, writer) values (${(max ?? 0) + 2}, ${writer})`.execute(trx)
    }),
  )
  await Promise.all(writers)
  const rows = await sql<{ seq: number; writer: number }>`select seq, writer from ledger order by seq`.execute(
    database.db,
  )
  expect(rows.rows).toHaveLength(50)
  // Each writer's two rows are adjacent: no other transaction ran in between.
  for (let i = 0; i < rows.rows.length; i += 2) expect(rows.rows[i].writer).toBe(rows.rows[i + 1].writer)
})

test('a failed transaction rolls back alone while the others commit', async () => {
  await sql`delete from ledger`.execute(database.db)
  const results = await Promise.allSettled(
    [1, 2, 3].map((n) =>
      database.db.transaction().execute(async (trx) => {
        await sql`insert into ledger (seq, writer) values (${n}, ${n})`.execute(trx)
        await pause()
        if (n === 2) throw new Error('forced failure')
      }),
    ),
  )
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  const rows = await sql<{ seq: number }>`select seq from ledger order by seq`.execute(database.db)
  expect(rows.rows.map((row) => row.seq)).toEqual([1, 3])
})

test('queries outside transactions wait for a running transaction instead of joining it', async () => {
  await sql`delete from ledger`.execute(database.db)
  let insideCommitted = false
  const transaction = database.db.transaction().execute(async (trx) => {
    await sql`insert into ledger (seq, writer) values (100, 1)`.execute(trx)
    await new Promise((resolve) => setTimeout(resolve, 30))
    insideCommitted = true
  })
  const outside = sql<{ n: number }>`select count(*)::int as n from ledger`.execute(database.db)
  const [, seen] = await Promise.all([transaction, outside])
  expect(insideCommitted).toBe(true)
  expect(seen.rows[0].n).toBe(1)
})

test('affected row counts are reported', async () => {
  await sql`delete from ledger`.execute(database.db)
  await sql`insert into ledger (seq, writer) values (1, 1), (2, 1), (3, 2)`.execute(database.db)
  const result = await database.db
    .updateTable(sql`ledger`.as('l') as never)
    .set({ writer: 9 } as never)
    .where(sql`writer`, '=', 1)
    .executeTakeFirst()
  expect(result.numUpdatedRows).toBe(2n)
})
