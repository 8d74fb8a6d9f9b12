import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import { migrateToLatest } from '#server/db/migrate.ts'

/**
 * A freshly migrated database for one test file: PGlite in memory by default, or a new database on
 * the PostgreSQL server named by serverUrl (default TEST_DATABASE_URL), dropped again on close.
 */
export async function createTestDb(serverUrl = process.env.TEST_DATABASE_URL): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const handle = await connectDatabase({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return handle
  }
  const name = `tandem_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await connectDatabase({ databaseUrl: url.toString(), dataDir: '', onIdleError: () => {} })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    async close() {
      await handle.close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
