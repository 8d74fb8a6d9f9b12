import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DatabasePoolSettings } from '../config.ts'
import { createDatabaseAvailability, type DatabaseAvailability } from './availability.ts'
import { isDatabaseUnavailable } from './database-errors.ts'
import { Mutex, PGliteDialect, type QueryTracer } from './pglite-dialect.ts'
import type { Database } from './schema.ts'
import {
  createPgliteSessionChangeFeed,
  createPostgresSessionChangeFeed,
  SESSION_CHANGES_CHANNEL,
  type SessionChangeFeed,
} from './session-changes.ts'

export type Db = Kysely<Database>

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The PostgreSQL connection string (the job queue opens its own small pool on it). */
  url?: string
  /** Present for the embedded database: other clients of the same PGlite must hold this lock. */
  pglite?: { instance: PGlite; mutex: Mutex }
  /** PostgreSQL only: the pool's size and timeouts (the job queue takes its connect timeout too). */
  pool?: DatabasePoolSettings
  /** Whether the database answers, as the last statement saw it; logs one line per outage. */
  availability: DatabaseAvailability
  /** The database's notices of changed sessions and people (the session cache forgets by them); started by the app. */
  sessionChanges: SessionChangeFeed
  /** The app's connections right now (the metrics read it at each scrape). */
  connections(): ConnectionUsage
  /** Hears every statement the app runs through Kysely, with its duration (the metrics' query histogram). */
  onQuery(listener: QueryListener): void
  close(): Promise<void>
}

/**
 * The app's connections: PostgreSQL's pool, or the embedded database's single session (one
 * connection, in use while a statement or transaction holds its lock, the others waiting for it).
 */
export interface ConnectionUsage {
  max: number
  open: number
  inUse: number
  /** Callers waiting for a connection. */
  waiting: number
}

export type QueryListener = (durationMs: number, isFailed: boolean) => void

const INT8_OID = 20
const DATE_OID = 1082
const NUMERIC_OID = 1700

/** Both backends return the same JavaScript values: int8 as number, date as 'YYYY-MM-DD', numeric as number. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value)
    if (oid === DATE_OID) return (value: string) => value
    // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads do not accept a union format
    return pg.types.getTypeParser(oid, format as any)
  },
}

const DEFAULT_POOL: DatabasePoolSettings = {
  max: 10,
  connectTimeoutSeconds: 5,
  idleTimeoutSeconds: 30,
  statementTimeoutSeconds: 30,
}

const DEFAULT_EMBEDDED_CACHE_MB = 16

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir` (or `memory://`). */
export async function connectDatabase(options: {
  databaseUrl?: string
  dataDir: string
  /** PostgreSQL only: pool size and timeouts (config.databasePool); defaults as in the configuration. */
  pool?: Partial<DatabasePoolSettings>
  /** How long after the statement timeout the client stops waiting for an answer (default 5 s; tests shorten it). */
  readTimeoutMarginMs?: number
  /** The embedded database only: its page cache in MB (config.embeddedDbCacheMb; default 16). */
  embeddedCacheMb?: number
  /**
   * The embedded database only: where the built template is (embedded-template.ts; default dist/embedded-db),
   * copied into an empty data directory instead of running initdb and the migrations; false: never.
   */
  embeddedTemplate?: string | false
  onIdleError?: (error: Error) => void
  /** The embedded database only: puts each statement in a span when tracing is on (PostgreSQL's driver is instrumented instead). */
  traceQuery?: QueryTracer
}): Promise<DatabaseHandle> {
  const availability = createDatabaseAvailability()
  if (options.databaseUrl) {
    const settings = { ...DEFAULT_POOL, ...options.pool }
    const pool = new pg.Pool(postgresPoolOptions(options.databaseUrl, settings, options.readTimeoutMarginMs))
    const sessionChanges = createPostgresSessionChangeFeed(options.databaseUrl, {
      onError: (error) => {
        if (isDatabaseUnavailable(error)) availability.recordFailure(error)
      },
    })
    // pg-pool listens for errors on idle clients only and takes that listener off a client it hands
    // out; a connection that dies while checked out but between statements (a transaction awaiting
    // something else; a restart, pg_terminate_backend, a failover) would emit an unheard 'error' and
    // end the process. This listener stays for the client's whole life. The statement in flight, if
    // any, rejects with the same error, and the pool drops the client when it is released.
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        if (isDatabaseUnavailable(error)) availability.recordFailure(error)
      })
      discardOnReadTimeout(client)
      // Each connection hears the session notices too: the one whose own statement raised a notice
      // receives it before that statement's answer, so this process forgets the session at once.
      client.on('notification', (notice) => {
        if (notice.channel === SESSION_CHANGES_CHANNEL && notice.payload) sessionChanges.deliver(notice.payload)
      })
      client.query(`listen ${SESSION_CHANGES_CHANNEL}`).catch(() => {})
    })
    // An idle client whose connection dies is re-emitted on the pool; the next use makes a new one.
    pool.on('error', (error) => {
      if (options.onIdleError) options.onIdleError(error)
      else if (isDatabaseUnavailable(error)) availability.recordFailure(error)
      else console.warn(`PostgreSQL idle connection error: ${error.message}`)
    })
    const queries = createQueryListeners()
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      // Every statement's outcome tells whether the database answers: the first failure of an outage
      // and the first success after it are logged (see availability.ts), nothing in between.
      log(event) {
        queries.hear(event.queryDurationMillis, event.level === 'error')
        if (event.level === 'query') availability.recordSuccess()
        else if (isDatabaseUnavailable(event.error)) availability.recordFailure(event.error)
      },
    })
    return {
      db,
      kind: 'postgres',
      url: options.databaseUrl,
      pool: settings,
      availability,
      sessionChanges,
      connections: () => ({
        max: settings.max,
        open: pool.totalCount,
        inUse: pool.totalCount - pool.idleCount,
        waiting: pool.waitingCount,
      }),
      onQuery: queries.add,
      close: async () => {
        await sessionChanges.stop()
        await db.destroy()
      },
    }
  }
  const isMemory = options.dataDir.startsWith('memory://')
  if (!isMemory) mkdirSync(options.dataDir, { recursive: true })
  // An empty data directory starts as a copy of the build's template when there is one that fits
  // (decision 036); otherwise PGlite runs initdb in it.
  if (!isMemory && options.embeddedTemplate !== false && !existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    const { copyEmbeddedTemplate } = await import('./embedded-template.ts')
    await copyEmbeddedTemplate(options.dataDir, options.embeddedTemplate || undefined)
  }
  const instance = await PGlite.create(isMemory ? 'memory://' : options.dataDir, {
    // PGlite's default page cache is 128 MB of the process's memory (shared_buffers); a small
    // organization's whole database fits in a few MB, so Tandem starts with 16 MB (idle RSS about
    // 450 -> 270 MB measured with PGlite alone). PGlite writes this into the data directory's
    // postgresql.conf at every start, so a changed setting applies at the next start.
    postgresqlconf: `shared_buffers = ${options.embeddedCacheMb ?? DEFAULT_EMBEDDED_CACHE_MB}MB`,
    // Trigram indexes for people search (migration 0014), as on PostgreSQL.
    extensions: { pg_trgm },
    parsers: {
      [INT8_OID]: (value: string) => Number(value),
      [NUMERIC_OID]: (value: string) => Number(value),
      [DATE_OID]: (value: string) => value,
    },
  })
  const mutex = new Mutex()
  const queries = createQueryListeners()
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(instance, mutex, options.traceQuery),
    log: (event) => queries.hear(event.queryDurationMillis, event.level === 'error'),
  })
  const sessionChanges = createPgliteSessionChangeFeed(instance, mutex)
  return {
    db,
    kind: 'pglite',
    pglite: { instance, mutex },
    availability,
    sessionChanges,
    connections: () => {
      const usage = mutex.usage()
      return { max: 1, open: 1, inUse: usage.isHeld ? 1 : 0, waiting: usage.waiting }
    },
    onQuery: queries.add,
    close: async () => {
      await sessionChanges.stop()
      await db.destroy()
    },
  }
}

function createQueryListeners() {
  const listeners: QueryListener[] = []
  return {
    add: (listener: QueryListener) => {
      listeners.push(listener)
    },
    hear: (durationMs: number, isFailed: boolean) => {
      for (const listener of listeners) listener(durationMs, isFailed)
    },
  }
}

/**
 * The pool's options: a connection (and a wait for a free one) gives up after connectTimeoutSeconds,
 * an idle connection closes after idleTimeoutSeconds, PostgreSQL cancels a statement after
 * statementTimeoutSeconds, and a statement whose answer never comes (a silent server on an open
 * connection) fails a few seconds after that on the client's side.
 */
function postgresPoolOptions(
  connectionString: string,
  settings: DatabasePoolSettings,
  readTimeoutMarginMs = READ_TIMEOUT_MARGIN_MS,
): pg.PoolConfig {
  const statementTimeoutMs = settings.statementTimeoutSeconds * 1000
  return {
    connectionString,
    max: settings.max,
    connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
    idleTimeoutMillis: settings.idleTimeoutSeconds * 1000,
    ...(statementTimeoutMs > 0
      ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + readTimeoutMarginMs }
      : {}),
    // Notices a peer that vanished without closing the connection (a failover, a cut network).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'tandem',
    types: pgTypes,
  }
}

/** How long after PostgreSQL's own statement timeout the client stops waiting for an answer. */
const READ_TIMEOUT_MARGIN_MS = 5_000

/**
 * pg gives up on a statement after query_timeout but keeps the connection, whose late answer (if it
 * ever comes) would be read by the next statement's caller. Ending the client before the caller sees
 * the error marks it not reusable, so the pool drops it on release instead of handing it out again;
 * the socket is closed at once, as the server may never answer the goodbye either.
 */
function discardOnReadTimeout(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  const socket = () => (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards them all
  ;(client as any).query = (...args: unknown[]) => {
    const result = query(...args)
    if (!(result instanceof Promise)) return result
    return result.catch((error: unknown) => {
      if (error instanceof Error && error.message === 'Query read timeout') {
        client.end().catch(() => {})
        socket()?.destroy()
      }
      throw error
    })
  }
}

/**
 * True when the database answers a trivial query within `timeoutMs` (a silent database is not
 * waited for). A failure that shows the database unreachable is recorded on `availability`.
 */
export async function isDatabaseReachable(
  database: Pick<DatabaseHandle, 'db' | 'availability'>,
  timeoutMs = 1_500,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      database.availability.recordFailure(new Error(`no answer within ${timeoutMs} ms`))
      resolve(false)
    }, timeoutMs)
  })
  const answered = sql`select 1`.execute(database.db).then(
    () => true,
    (error: unknown) => {
      if (isDatabaseUnavailable(error)) database.availability.recordFailure(error)
      return false
    },
  )
  try {
    return await Promise.race([answered, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
