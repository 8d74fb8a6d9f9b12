import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { connectDatabase } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { PLANNER_STATISTICS_INTERVAL_MS, refreshPlannerStatistics } from './db/planner-statistics.ts'
import { createJobRunner } from './jobs/job-runner.ts'

async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pool: config.databasePool,
  })
  await migrateToLatest(database.db)
  await refreshPlannerStatistics(database)
  const jobs = createJobRunner(database, { isWorking: config.isJobWorker })
  const app = await buildApp({ config, database, jobs })
  jobs.onError((error) => app.log.error({ err: error }, 'job queue error'))
  // Every module has defined its queues while registering: create them and start working.
  await jobs.start()
  const statistics = setInterval(() => {
    refreshPlannerStatistics(database).catch((error) => app.log.warn({ err: error }, 'ANALYZE failed'))
  }, PLANNER_STATISTICS_INTERVAL_MS)
  statistics.unref()

  let isShuttingDown = false
  const shutDown = async (signal: string) => {
    if (isShuttingDown) return
    isShuttingDown = true
    clearInterval(statistics)
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    try {
      await app.close() // stops accepting, waits for in-flight requests
      await jobs.stop({ graceful: true, timeoutMs: 30_000 }) // lets running jobs finish; the rest wait in the queue
      await database.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutDown('SIGTERM'))
  process.on('SIGINT', () => void shutDown('SIGINT'))

  await app.listen({ host: config.host, port: config.port })
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`
  app.log.info(`Tandem is listening on ${config.publicUrl} (database: ${where})`)
  if (config.logLevel === 'silent' || !app.log.info) console.log(`Tandem on ${config.publicUrl}`)
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
