import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { Mutex, PGliteDialect } from './pglite-dialect.ts'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The PostgreSQL connection string (the job queue opens its own small pool on it). */
  url?: string
  /** Present for the embedded database: other clients of the same PGlite must hold this lock. */
  pglite?: { instance: PGlite; mutex: Mutex }
  close(): Promise<void>
}

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

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir` (or `memory://`). */
export async function connectDatabase(options: {
  databaseUrl?: string
  dataDir: string
  onIdleError?: (error: Error) => void
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, types: pgTypes })
    // An idle client whose server connection dies (restart, failover, a dropped test database)
    // emits 'error' on the pool; without a listener that would crash the process. The pool
    // replaces the client on next use, so it is only worth a warning.
    pool.on('error', (error) => {
      if (options.onIdleError) options.onIdleError(error)
      else console.warn(`PostgreSQL idle connection error: ${error.message}`)
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', url: options.databaseUrl, close: () => db.destroy() }
  }
  const isMemory = options.dataDir.startsWith('memory://')
  if (!isMemory) mkdirSync(options.dataDir, { recursive: true })
  const instance = await PGlite.create(isMemory ? 'memory://' : options.dataDir, {
    parsers: {
      [INT8_OID]: (value: string) => Number(value),
      [NUMERIC_OID]: (value: string) => Number(value),
      [DATE_OID]: (value: string) => value,
    },
  })
  const mutex = new Mutex()
  const db = new Kysely<Database>({ dialect: new PGliteDialect(instance, mutex) })
  return { db, kind: 'pglite', pglite: { instance, mutex }, close: () => db.destroy() }
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
