// `npm run db:migrate`: bring the configured database (DATABASE_URL or the embedded one) up to date.
import { ConfigError, loadConfig } from '../src/server/config.ts'
import { connectDatabase } from '../src/server/db/connect.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'

try {
  const config = loadConfig()
  const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const applied = await migrateToLatest(database.db)
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error)
  process.exit(error instanceof ConfigError ? 2 : 1)
}
