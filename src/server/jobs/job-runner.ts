import { isDeepStrictEqual } from 'node:util'
import { fromKysely, fromPglite, type Db as JobDb, type KyselyTransactionLike, PgBoss, type SendOptions } from 'pg-boss'
import { type Clock, systemClock } from '#server/clock.ts'
import type { DatabaseHandle, Db } from '#server/db/connect.ts'
import { isDatabaseUnavailable } from '#server/db/database-errors.ts'

/** Every job carries the organization it belongs to (null for the few that have none yet), for the admin view. */
export interface JobData {
  organizationId: string | null
  /** What the job does, in words, for admins ("Email to ana@example.com: Your match"). */
  description?: string
  /** When a delayed job is due by the app's clock (ISO), set by send(startAfter). */
  dueAt?: string
}

/** How a queue retries: pg-boss's queue options, named for what they do. */
export interface QueueSettings {
  /** Attempts after the first before the job is failed (default 3). */
  retryLimit?: number
  /** Seconds before the first retry; doubles each time (with jitter) when retryBackoff (default 10). */
  retryDelay?: number
  retryBackoff?: boolean
  retryDelayMax?: number
  /** A job active this long is considered lost (its process died) and retried (default 15 minutes). */
  expireInSeconds?: number
  /** When set, a job whose worker stops heartbeating for this long (>= 10) is retried: a dead process is noticed fast. */
  heartbeatSeconds?: number
  /** Seconds a finished job is kept (default 7 days). */
  deleteAfterSeconds?: number
  /** The queue that receives a job's data once it failed for good (it must be defined first). */
  deadLetter?: string
  /**
   * 'standard' (default); 'short': at most one queued job per singletonKey (a reminder is queued
   * once however often it is sent); 'stately': at most one queued and one active per key. Set
   * when the queue is first created.
   */
  policy?: 'standard' | 'short' | 'stately'
}

export interface JobContext {
  id: string
  /** 0 on the first attempt. */
  retryCount: number
  /** Aborted when the job expired or the runner stops. */
  signal: AbortSignal
}

export interface JobDefinition<T extends JobData = JobData> {
  queue: string
  settings?: QueueSettings
  /** Jobs of this queue one runner works on at once (default 2). */
  concurrency?: number
  /** Absent for a queue that other processes work on. A throw fails the attempt (retried per settings). */
  handler?: (data: T, job: JobContext) => Promise<void>
  /**
   * A job sent by pg-boss's clock on this cron (kept in its schedule table: every instance may
   * declare it, one job is sent per occurrence; the latest one missed while no instance ran is sent
   * when one runs again).
   */
  schedule?: { cron: string; timeZone?: string; description?: string }
}

export interface SendJobOptions {
  /** Enqueue inside this transaction: the job exists only if it commits. */
  db?: Db
  /** Not before this time by the app's clock (reminders, digests). */
  startAfter?: Date
  /** With a 'short' or 'stately' queue: a second send with a key already queued is dropped (answers null). */
  singletonKey?: string
}

export interface JobRunner {
  readonly backend: 'pglite' | 'postgres'
  /** Declares a queue and its handler; call before start(). */
  define<T extends JobData>(definition: JobDefinition<T>): void
  /** Installs pg-boss's schema, creates every defined queue, then starts the workers (when this instance works jobs). */
  start(): Promise<void>
  /**
   * start() without the workers: the queues exist (jobs can be sent) but this instance claims none
   * until start(). `main.ts` prepares, binds the HTTP port, then starts: a failed start claims no job.
   */
  prepare(): Promise<void>
  /** Stops taking jobs; graceful (the default) lets running handlers finish first, up to timeoutMs. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>
  /** Queues a job; answers its id, or null when a singletonKey already has one queued. */
  send<T extends JobData>(queue: string, data: T, options?: SendJobOptions): Promise<string | null>
  /** Waits until no job of a defined queue is due or running (tests; a job retrying later is not waited for). */
  drain(options?: { timeoutMs?: number }): Promise<void>
  /** Puts a failed job back in the queue; false when it was not failed. */
  retry(queue: string, id: string): Promise<boolean>
  /** Runs pg-boss's supervision now: expired and heartbeat-less jobs go to retry or fail (tests; otherwise every superviseIntervalSeconds). */
  supervise(): Promise<void>
  /** Where pg-boss's own errors (a lost connection, a failed maintenance pass) are reported; console by default. */
  onError(listener: (error: Error) => void): void
  /** Names of the defined queues, in definition order. */
  queues(): string[]
  /** Each defined queue's jobs by state right now, from the queue's index alone (cheap enough for every scrape). */
  counts(): Promise<QueueCounts[]>
  /** The pg-boss instance itself, for what this interface does not cover (tests simulate a dying worker with fetch). */
  readonly boss: PgBoss
}

/** A queue's jobs by state: what an operator watches for a stuck or failing queue. */
export interface QueueCounts {
  queue: string
  /** Due and waiting for a worker. */
  waiting: number
  /** Waiting for a later time (a reminder due tomorrow). */
  deferred: number
  /** Failed at least once and waiting for the next attempt. */
  retry: number
  active: number
  /** Every attempt failed (kept until deleted after their retention). */
  failed: number
  /** How long the longest-waiting due job has waited, in seconds (0 when none waits). */
  oldestWaitingSeconds: number
}

export interface JobRunnerOptions {
  /** Whether this instance works jobs (false: it only enqueues, other instances work). Default true. */
  isWorking?: boolean
  /** Seconds between polls for due jobs a notification did not announce (retries, startAfter). Default 2. */
  pollingIntervalSeconds?: number
  /** PostgreSQL connections pg-boss may hold besides the app's pool (default 4). */
  poolSize?: number
  /**
   * Seconds between supervision passes, where pg-boss retries jobs whose worker stopped
   * heartbeating or expired (one instance per interval does the pass). Default 10, so a dead
   * worker's job with a 10 s heartbeat is retried within about 20 s; pg-boss's own default is 60.
   */
  superviseIntervalSeconds?: number
  onError?: (error: Error) => void
  /** The app's clock, which startAfter is read against (default: the system clock). */
  clock?: Clock
}

/** Seconds between supervision passes unless told otherwise (see JobRunnerOptions.superviseIntervalSeconds). */
export const DEFAULT_SUPERVISE_SECONDS = 10

const DEFAULT_SETTINGS: Required<
  Pick<QueueSettings, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'>
> = { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 15 * 60 }

/**
 * The durable job queue (pg-boss in its own `pgboss` schema). On PostgreSQL it has its own small
 * pool; on the embedded PGlite it shares the one session through the same mutex as Kysely, so a job
 * query never lands inside somebody else's transaction.
 */
export function createJobRunner(database: DatabaseHandle, options: JobRunnerOptions = {}): JobRunner {
  const backend = database.kind
  // A pass claims a queue's monitoring only once its interval is up, so both intervals are the same.
  const supervision = {
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? DEFAULT_SUPERVISE_SECONDS,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? DEFAULT_SUPERVISE_SECONDS,
  }
  const boss =
    backend === 'pglite'
      ? new PgBoss({ db: lockedPglite(database), backend: 'pglite', useListenNotify: true, ...supervision })
      : new PgBoss({
          connectionString: database.url,
          max: options.poolSize ?? 4,
          useListenNotify: true,
          application_name: 'tandem-jobs',
          ...supervision,
          // The app pool's connect timeout (pg-boss's own default is 10 s): a silent database fails
          // a connection attempt instead of holding a worker. pg-boss heartbeats its LISTEN connection.
          ...(database.pool ? { connectionTimeoutMillis: database.pool.connectTimeoutSeconds * 1000 } : {}),
        })
  let reportError = options.onError ?? ((error: Error) => console.error(`job queue: ${error.message}`))
  // pg-boss reports its failures (a lost connection, a failed poll) as events and keeps polling, so its
  // workers resume when the database is back. While the database is unreachable those failures are
  // the outage already logged once by the database's availability, not one error per poll.
  boss.on('error', (error) => {
    if (isDatabaseUnavailable(error)) database.availability.recordFailure(error)
    else reportError(error)
  })
  const definitions = new Map<string, JobDefinition>()
  const workerIds = new Map<string, string[]>()
  const isWorking = options.isWorking ?? true
  const polling = options.pollingIntervalSeconds ?? 2
  const clock = options.clock ?? systemClock
  let state: 'new' | 'started' | 'stopped' = 'new'
  let isWorkStarted = false

  const sqlOf = async <R>(text: string, values: unknown[]): Promise<R[]> =>
    (await boss.getDb().executeSql(text, values)).rows as R[]

  const runner: JobRunner = {
    backend,
    boss,
    define(definition) {
      if (state !== 'new') throw new Error(`Queue ${definition.queue} defined after the job runner started`)
      definitions.set(definition.queue, definition as JobDefinition)
    },
    queues: () => [...definitions.keys()],
    onError(listener) {
      reportError = listener
    },
    async prepare() {
      if (state !== 'new') return
      state = 'started'
      await boss.start()
      // The queues and schedules that exist already, in two reads; most starts find them as defined
      // and write nothing (a start used to rewrite every queue and schedule: a dozen statements).
      const names = [...definitions.keys()]
      const hasSchedules = [...definitions.values()].some((definition) => definition.schedule)
      const [queues, schedules] = await Promise.all([
        boss.getQueues(names),
        hasSchedules ? boss.getSchedules() : Promise.resolve([]),
      ])
      const existing = new Map(queues.map((queue) => [queue.name, queue]))
      const scheduled = new Map(schedules.filter((row) => row.key === '').map((row) => [row.name, row]))
      for (const definition of definitions.values()) {
        const { policy, ...settings } = { ...DEFAULT_SETTINGS, ...definition.settings }
        const queue = { ...settings, notify: true }
        const current = existing.get(definition.queue)
        if (!current) await boss.createQueue(definition.queue, { ...queue, policy: policy ?? 'standard' })
        else if (!hasValues(current, queue)) await boss.updateQueue(definition.queue, queue)
        if (definition.schedule) {
          const { cron, timeZone, description } = definition.schedule
          const data: JobData = { organizationId: null, ...(description ? { description } : {}) }
          const options = { tz: timeZone ?? 'UTC', missed: 'once' } as const
          const row = scheduled.get(definition.queue)
          const isCurrent =
            row?.cron === cron && isDeepStrictEqual(row.data, data) && isDeepStrictEqual(row.options, options)
          if (!isCurrent) await boss.schedule(definition.queue, cron, data, options)
        }
      }
    },
    async start() {
      if (state === 'stopped' || isWorkStarted) return
      await runner.prepare()
      isWorkStarted = true
      if (!isWorking) return
      for (const definition of definitions.values()) {
        const handler = definition.handler
        if (!handler) continue
        const id = await boss.work<JobData>(
          definition.queue,
          {
            localConcurrency: definition.concurrency ?? 2,
            pollingIntervalSeconds: polling,
            notifyPollingIntervalSeconds: polling,
          },
          async ([job]) => {
            await handler(job.data, { id: job.id, retryCount: job.retryCount, signal: job.signal })
          },
        )
        workerIds.set(definition.queue, [...(workerIds.get(definition.queue) ?? []), id])
      }
    },
    async stop(stopOptions = {}) {
      if (state !== 'started') {
        state = 'stopped'
        return
      }
      state = 'stopped'
      await boss.stop({ graceful: stopOptions.graceful ?? true, timeout: stopOptions.timeoutMs ?? 30_000, close: true })
    },
    async send(queue, data, sendOptions = {}) {
      if (!definitions.has(queue)) throw new Error(`Unknown job queue ${queue}`)
      const send: SendOptions = {}
      if (sendOptions.db) send.db = fromKysely(sendOptions.db as unknown as KyselyTransactionLike)
      let payload: JobData = data
      if (sendOptions.startAfter) {
        // The queue compares start_after with the database's clock, which need not be the app's
        // (tests pin the app's): it gets the delay, and the job keeps the instant it is due at.
        const delayMs = sendOptions.startAfter.getTime() - clock.now().getTime()
        send.startAfter = Math.max(0, Math.ceil(delayMs / 1000))
        payload = { ...data, dueAt: sendOptions.startAfter.toISOString() }
      }
      if (sendOptions.singletonKey) send.singletonKey = sendOptions.singletonKey
      return boss.send(queue, payload as object, send)
    },
    async drain(drainOptions = {}) {
      const deadline = Date.now() + (drainOptions.timeoutMs ?? 30_000)
      const names = [...definitions.keys()]
      for (;;) {
        const [row] = await sqlOf<{ pending: number | string }>(
          `select count(*) as pending from pgboss.job
           where name = any($1::text[])
             and (state = 'active' or (state in ('created', 'retry') and start_after <= now()))`,
          [names],
        )
        if (Number(row.pending) === 0) return
        if (Date.now() > deadline) throw new Error(`Jobs still pending after drain timeout: ${row.pending}`)
        for (const ids of workerIds.values()) for (const id of ids) boss.notifyWorker(id)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    async counts() {
      const names = [...definitions.keys()]
      // Live jobs only (pg-boss's job_i14 index holds exactly these), measured against the queue's
      // own clock, the database's, as pg-boss decides what is due.
      const rows = await sqlOf<{
        name: string
        waiting: number | string
        deferred: number | string
        retry: number | string
        active: number | string
        failed: number | string
        oldest: number | string | null
      }>(
        `select name,
           count(*) filter (where state = 'created' and start_after <= clock.now) as waiting,
           count(*) filter (where state = 'created' and start_after > clock.now) as deferred,
           count(*) filter (where state = 'retry') as retry,
           count(*) filter (where state = 'active') as active,
           count(*) filter (where state = 'failed') as failed,
           extract(epoch from clock.now - min(start_after) filter (where state = 'created' and start_after <= clock.now)) as oldest
         from pgboss.job, (select now() as now) as clock
         where name = any($1::text[]) and state in ('created', 'retry', 'active', 'failed')
         group by name, clock.now`,
        [names],
      )
      const byName = new Map(rows.map((row) => [row.name, row]))
      return names.map((queue) => {
        const row = byName.get(queue)
        return {
          queue,
          waiting: Number(row?.waiting ?? 0),
          deferred: Number(row?.deferred ?? 0),
          retry: Number(row?.retry ?? 0),
          active: Number(row?.active ?? 0),
          failed: Number(row?.failed ?? 0),
          oldestWaitingSeconds: Math.max(0, Math.round(Number(row?.oldest ?? 0))),
        }
      })
    },
    async retry(queue, id) {
      const [row] = await sqlOf<{ state: string }>('select state from pgboss.job where name = $1 and id = $2::uuid', [
        queue,
        id,
      ])
      if (row?.state !== 'failed') return false
      await boss.retry(queue, id)
      for (const workerId of workerIds.get(queue) ?? []) boss.notifyWorker(workerId)
      return true
    },
    async supervise() {
      const names = [...definitions.keys()]
      // pg-boss supervises a queue at most once a minute across every instance: forget the last pass.
      await sqlOf('update pgboss.queue set monitor_claim_on = null, monitor_on = null where name = any($1::text[])', [
        names,
      ])
      await boss.supervise()
    },
  }
  return runner
}

/** Whether every value `wanted` sets is the one `current` has (a queue read back against its definition). */
function hasValues(current: object, wanted: object): boolean {
  const values = current as Record<string, unknown>
  return Object.entries(wanted).every(([key, value]) => value === undefined || values[key] === value)
}

/** pg-boss's PGlite adapter with every statement (and LISTEN) taken under the Kysely dialect's mutex. */
function lockedPglite(database: DatabaseHandle): JobDb {
  const embedded = database.pglite
  if (!embedded) throw new Error('The embedded job queue needs the PGlite instance and its lock')
  const { instance, mutex } = embedded
  const adapter = fromPglite(instance)
  const locked: JobDb = {
    executeSql: (text, values) => mutex.run(() => adapter.executeSql(text, values)),
  }
  const listen = adapter.listen?.bind(adapter)
  if (listen) {
    locked.listen = async (channel, onNotification, onReconnect) => {
      const handle = await mutex.run(() => listen(channel, onNotification, () => {}))
      onReconnect()
      return { close: () => mutex.run(() => handle.close()) }
    }
  }
  return locked
}
