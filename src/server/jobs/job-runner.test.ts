import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { createJobRunner, type JobData, type JobRunner } from './job-runner.ts'

let database: DatabaseHandle
const runners: JobRunner[] = []
beforeAll(async () => {
  database = await createTestDb()
})
afterAll(async () => {
  for (const runner of runners) await runner.stop({ graceful: false })
  await database.close()
})

function runner(options: Parameters<typeof createJobRunner>[1] = {}) {
  const created = createJobRunner(database, { pollingIntervalSeconds: 0.5, poolSize: 3, ...options })
  runners.push(created)
  return created
}

interface Row {
  state: string
  retry_count: number
  started_on: Date | null
  completed_on: Date | null
  output: { message?: string } | null
}

async function jobRow(id: string): Promise<Row> {
  const result =
    await sql<Row>`select state, retry_count, started_on, completed_on, output from pgboss.job where id = ${id}::uuid`.execute(
      database.db,
    )
  return result.rows[0]
}

describe('the job runner', () => {
  test('a job runs once; a job queued in a transaction exists only if the transaction commits', async () => {
    const seen: string[] = []
    const jobs = runner()
    jobs.define<JobData & { word: string }>({
      queue: 'test-hello',
      handler: async (data) => {
        seen.push(data.word)
      },
    })
    await jobs.start()
    await jobs.send('test-hello', { organizationId: null, word: 'plain' })
    await database.db.transaction().execute(async (trx) => {
      await jobs.send('test-hello', { organizationId: null, word: 'committed' }, { db: trx })
    })
    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.send('test-hello', { organizationId: null, word: 'rolled back' }, { db: trx })
        throw new Error('undo')
      }),
    ).rejects.toThrow('undo')
    await jobs.drain()
    expect(seen.sort()).toEqual(['committed', 'plain'])
    await expect(jobs.send('test-unknown', { organizationId: null })).rejects.toThrow(/Unknown job queue/)
  })

  test('prepare() creates the queues but works no job until start() (main.ts starts workers once it listens)', async () => {
    const seen: string[] = []
    const jobs = runner()
    jobs.define<JobData & { word: string }>({
      queue: 'test-prepared',
      handler: async (data) => {
        seen.push(data.word)
      },
    })
    await jobs.prepare()
    const id = await jobs.send('test-prepared', { organizationId: null, word: 'waiting' })
    // Three polling intervals (0.5 s): a worker would have claimed the job by now.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect({ seen, state: (await jobRow(id ?? '')).state }).toEqual({ seen: [], state: 'created' })
    await jobs.start()
    await jobs.drain()
    expect(seen).toEqual(['waiting'])
  })

  test('a start rewrites only the queues and schedules whose definition changed since the last start', async () => {
    const define = (jobs: JobRunner, retryLimit: number, cron: string) =>
      jobs.define({ queue: 'test-redefined', settings: { retryLimit }, schedule: { cron } })
    const queueRow = async () => {
      const { rows } = await sql<{ retry_limit: number; updated_on: Date; cron: string }>`
        select q.retry_limit, q.updated_on, s.cron from pgboss.queue q join pgboss.schedule s on s.name = q.name
        where q.name = 'test-redefined'`.execute(database.db)
      return rows[0]
    }
    const scheduleUpdatedOn = async () =>
      (
        await sql<{ updated_on: Date }>`select updated_on from pgboss.schedule where name = 'test-redefined'`.execute(
          database.db,
        )
      ).rows[0]?.updated_on
    const first = runner({ isWorking: false })
    define(first, 3, '0 7 * * *')
    await first.prepare()
    const created = await queueRow()
    const scheduled = await scheduleUpdatedOn()
    expect(created).toMatchObject({ retry_limit: 3, cron: '0 7 * * *' })

    // The same definitions: nothing written.
    const same = runner({ isWorking: false })
    define(same, 3, '0 7 * * *')
    await same.prepare()
    expect(await queueRow()).toEqual(created)
    expect(await scheduleUpdatedOn()).toEqual(scheduled)

    // A changed retry limit and cron: both rewritten.
    const changed = runner({ isWorking: false })
    define(changed, 5, '0 8 * * *')
    await changed.prepare()
    expect(await queueRow()).toMatchObject({ retry_limit: 5, cron: '0 8 * * *' })
  })

  test("counts() tells each queue's waiting, deferred, retry, active and failed jobs and the oldest wait", async () => {
    const jobs = runner()
    jobs.define({ queue: 'test-counts', handler: async () => {} })
    jobs.define({ queue: 'test-counts-empty', handler: async () => {} })
    await jobs.prepare()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await jobs.send('test-counts', { organizationId: null })) ?? '')
    await jobs.send('test-counts', { organizationId: null }, { startAfter: new Date(Date.now() + 3_600_000) })
    const [oldest, active, failed, retry] = ids
    await sql`update pgboss.job set start_after = now() - interval '90 seconds' where id = ${oldest}::uuid`.execute(
      database.db,
    )
    await sql`update pgboss.job set state = 'active', started_on = now() where id = ${active}::uuid`.execute(
      database.db,
    )
    await sql`update pgboss.job set state = 'failed', completed_on = now() where id = ${failed}::uuid`.execute(
      database.db,
    )
    await sql`update pgboss.job set state = 'retry' where id = ${retry}::uuid`.execute(database.db)
    const [counts, empty] = await jobs.counts()
    expect(counts).toMatchObject({ queue: 'test-counts', waiting: 2, deferred: 1, retry: 1, active: 1, failed: 1 })
    expect(counts?.oldestWaitingSeconds).toBeGreaterThanOrEqual(89)
    expect(counts?.oldestWaitingSeconds).toBeLessThan(150)
    expect(empty).toEqual({
      queue: 'test-counts-empty',
      waiting: 0,
      deferred: 0,
      retry: 0,
      active: 0,
      failed: 0,
      oldestWaitingSeconds: 0,
    })
  })

  test('two runners on the same database never run the same job twice (50 jobs, each recorded once)', async () => {
    const done: { id: string; by: string }[] = []
    const pair = ['a', 'b'].map((name) => {
      const jobs = runner()
      jobs.define({
        queue: 'test-once',
        concurrency: 3,
        handler: async (_data, job) => {
          await new Promise((resolve) => setTimeout(resolve, 5))
          done.push({ id: job.id, by: name })
        },
      })
      return jobs
    })
    for (const jobs of pair) await jobs.start()
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pair[i % 2].send('test-once', { organizationId: null })),
    )
    await pair[0].drain()
    await pair[1].drain()
    expect(done).toHaveLength(50)
    expect(new Set(done.map((d) => d.id))).toEqual(new Set(ids))
    // both took part (each polls and is notified)
    expect(new Set(done.map((d) => d.by)).size).toBe(2)
  })

  test('a job whose process died (it took the job and went silent) is retried and completed by another runner', async () => {
    const settings = { retryLimit: 2, retryDelay: 0, retryBackoff: false, heartbeatSeconds: 10 }
    const dying = runner({ isWorking: false })
    dying.define({ queue: 'test-dies', settings })
    await dying.start()
    const id = (await dying.send('test-dies', { organizationId: null })) as string
    const [taken] = await dying.boss.fetch('test-dies')
    expect(taken.id).toBe(id)
    await dying.stop({ graceful: false }) // the process is gone: no heartbeat, no completion
    expect((await jobRow(id)).state).toBe('active')
    // Time passes: the heartbeat is older than its 10 s.
    await sql`update pgboss.job set heartbeat_on = now() - interval '1 minute' where id = ${id}::uuid`.execute(
      database.db,
    )

    const attempts: number[] = []
    const survivor = runner()
    survivor.define({
      queue: 'test-dies',
      settings,
      handler: async (_data, job) => {
        attempts.push(job.retryCount)
      },
    })
    await survivor.start()
    await survivor.supervise()
    await survivor.drain()
    expect(attempts).toEqual([1])
    expect(await jobRow(id)).toMatchObject({ state: 'completed', retry_count: 1 })
  })

  test('a failing job is retried with growing delays, then failed with its last error; retry() runs it again', async () => {
    let isBroken = true
    const attemptsAt: number[] = []
    const jobs = runner()
    jobs.define({
      queue: 'test-fails',
      settings: { retryLimit: 2, retryDelay: 1, retryBackoff: true },
      handler: async () => {
        attemptsAt.push(Date.now())
        if (isBroken) throw new Error(`SMTP refused (attempt ${attemptsAt.length})`)
      },
    })
    await jobs.start()
    const id = (await jobs.send('test-fails', { organizationId: null })) as string
    const deadline = Date.now() + 20_000
    while ((await jobRow(id)).state !== 'failed' && Date.now() < deadline) await jobs.drain()
    const row = await jobRow(id)
    expect(row).toMatchObject({ state: 'failed', retry_count: 2, output: { message: 'SMTP refused (attempt 3)' } })
    expect(attemptsAt).toHaveLength(3)
    const gaps = [attemptsAt[1] - attemptsAt[0], attemptsAt[2] - attemptsAt[1]]
    // back-off: retryDelay * 2^n with jitter, never shorter than half of it
    expect(gaps[0]).toBeGreaterThanOrEqual(500)
    expect(gaps[1]).toBeGreaterThanOrEqual(1000)

    isBroken = false
    expect(await jobs.retry('test-fails', id)).toBe(true)
    await jobs.drain()
    expect((await jobRow(id)).state).toBe('completed')
    expect(await jobs.retry('test-fails', id)).toBe(false)
  }, 30_000)

  test('a job sent for later waits for its time; in a short-policy queue a singleton key queues it once', async () => {
    const jobs = runner()
    let runs = 0
    jobs.define({
      queue: 'test-later',
      settings: { policy: 'short' },
      handler: async () => {
        runs++
      },
    })
    await jobs.start()
    const startAfter = new Date(Date.now() + 60 * 60_000)
    const first = await jobs.send('test-later', { organizationId: null }, { startAfter, singletonKey: 'reminder:1' })
    const again = await jobs.send('test-later', { organizationId: null }, { startAfter, singletonKey: 'reminder:1' })
    expect(first).toEqual(expect.any(String))
    expect(again).toBeNull()
    await jobs.drain()
    expect(runs).toBe(0)
    expect((await jobRow(first as string)).state).toBe('created')
  })
})
