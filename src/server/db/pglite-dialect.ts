import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** Runs a statement inside a span (tracing, decision 038); PGlite has no driver the instrumentations know. */
export type QueryTracer = <T>(sql: string, run: () => Promise<T>) => Promise<T>

/**
 * PGlite has a single session, so two interleaved transactions would share it and corrupt each
 * other. The driver hands out that one connection under a FIFO mutex held from acquire to release.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite
  readonly #mutex: Mutex
  readonly #traceQuery: QueryTracer | undefined

  constructor(pglite: PGlite, mutex = new Mutex(), traceQuery?: QueryTracer) {
    this.#pglite = pglite
    this.#mutex = mutex
    this.#traceQuery = traceQuery
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite, this.#mutex, this.#traceQuery)
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
}

/** A FIFO lock: `acquire` resolves with a release function once every earlier holder released. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()
  #waiting = 0
  #isHeld = false

  acquire(): Promise<() => void> {
    this.#waiting++
    let release!: () => void
    const next = new Promise<void>((resolve) => {
      release = () => {
        this.#isHeld = false
        resolve()
      }
    })
    const ready = this.#tail.then(() => {
      this.#waiting--
      this.#isHeld = true
      return release
    })
    this.#tail = this.#tail.then(() => next)
    return ready
  }

  /** Whether someone holds the lock, and how many wait for it (the embedded database's "pool", for the metrics). */
  usage(): { isHeld: boolean; waiting: number } {
    return { isHeld: this.#isHeld, waiting: this.#waiting }
  }

  /** Runs `work` while holding the lock (used by other clients of the same PGlite, e.g. the job queue). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite
  readonly #mutex: Mutex
  readonly #connection: PGliteConnection
  #release: (() => void) | undefined

  constructor(pglite: PGlite, mutex: Mutex, traceQuery: QueryTracer | undefined) {
    this.#pglite = pglite
    this.#mutex = mutex
    this.#connection = new PGliteConnection(pglite, traceQuery)
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire()
    this.#release = release
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes: string[] = []
    if (settings.isolationLevel) modes.push(`isolation level ${settings.isolationLevel}`)
    if (settings.accessMode) modes.push(settings.accessMode)
    await connection.executeQuery(CompiledQuery.raw(modes.length ? `begin ${modes.join(', ')}` : 'begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`))
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  async destroy(): Promise<void> {
    // Wait for the connection holder to finish so closing never cuts a transaction short.
    await this.#mutex.run(async () => {
      if (!this.#pglite.closed) await this.#pglite.close()
    })
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite
  readonly #traceQuery: QueryTracer | undefined

  constructor(pglite: PGlite, traceQuery: QueryTracer | undefined) {
    this.#pglite = pglite
    this.#traceQuery = traceQuery
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const run = () => this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters])
    const result = await (this.#traceQuery ? this.#traceQuery(compiledQuery.sql, run) : run())
    const command = (result as { command?: string }).command
    const affected = result.affectedRows
    const isWrite = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
    return {
      rows: result.rows,
      ...(isWrite && affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    }
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; streaming is refused explicitly.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming queries')
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
