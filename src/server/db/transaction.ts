import type { Db } from './connect.ts'

/** Runs `work` in a transaction, or in the caller's when `db` already is one (services call into each other). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
