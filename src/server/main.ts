import { enableCompileCache } from 'node:module'
import { ConfigError, loadConfig } from './config.ts'
import type { MetricsListener } from './metrics/metrics-endpoint.ts'
import {
  checkDatabase,
  checkDataDir,
  databaseCheckTimeoutMs,
  describeListenError,
  reservePort,
  StartupError,
} from './startup-checks.ts'

const METRICS_LISTENER = { host: 'METRICS_HOST', port: 'METRICS_PORT' }

// V8's compiled code for every module is kept on disk (in the OS temp directory) and reused by the
// next start, which then skips parsing and compiling most of the app's and its libraries' code.
enableCompileCache()

async function main() {
  const config = loadConfig()
  // Traces (decision 038) start before the app's modules load; without an OTLP endpoint nothing of
  // OpenTelemetry is imported. Started while the port and the database are checked.
  const tracingStart = config.tracing.isEnabled
    ? import('./tracing/tracing.ts').then(({ startTracing }) => startTracing(config.tracing))
    : undefined
  tracingStart?.catch(() => {}) // its failure is thrown where it is awaited, after the checks
  // Everything an operator can get wrong is checked first, in seconds and before anything is
  // written: the port is held from here on, so a port in use stops the start before the
  // migrations, and the job workers start only once the app listens (a failed start claims no job).
  const port = await reservePort(config.host, config.port)
  const metricsListener = config.metrics.isEnabled ? config.metrics.listener : undefined
  const metricsPort = metricsListener
    ? await reservePort(metricsListener.host, metricsListener.port, METRICS_LISTENER)
    : undefined
  // performance.now() counts from the process's start: the check ends within 8 s of it.
  if (config.databaseUrl) await checkDatabase(config.databaseUrl, databaseCheckTimeoutMs(performance.now()))
  else checkDataDir(config.dataDir)

  const tracing = await tracingStart

  // Loaded after the checks: the app's modules take most of a second to import on a busy machine,
  // which a bad setting should not wait for. The database opens while the rest loads (the embedded
  // one compiles its WebAssembly and reads its files meanwhile).
  const opening = import('./db/connect.ts').then(({ connectDatabase }) =>
    connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      pool: config.databasePool,
      embeddedCacheMb: config.embeddedDbCacheMb,
      traceQuery: tracing?.traceQuery,
    }),
  )
  const [database, { buildApp, metricsOf }, { migrateToLatest }, statisticsModule, { createJobRunner }] =
    await Promise.all([
      opening,
      import('./app.ts'),
      import('./db/migrate.ts'),
      import('./db/planner-statistics.ts'),
      import('./jobs/job-runner.ts'),
      // prom-client too, while the database opens, when the metrics are on (buildApp loads it otherwise).
      config.metrics.isEnabled ? import('./metrics/prometheus.ts') : null,
    ])
  const { PLANNER_STATISTICS_INTERVAL_MS, refreshPlannerStatistics } = statisticsModule
  await migrateToLatest(database.db)
  const jobs = createJobRunner(database, { isWorking: config.isJobWorker })
  const app = await buildApp({ config, database, jobs, tracing })
  jobs.onError((error) => app.log.error({ err: error }, 'job queue error'))
  // Every module has defined its queues while registering: create them (requests may send jobs).
  await jobs.prepare()
  const statistics = setInterval(() => {
    refreshPlannerStatistics(database).catch((error) => app.log.warn({ err: error }, 'ANALYZE failed'))
  }, PLANNER_STATISTICS_INTERVAL_MS)
  statistics.unref()

  let isShuttingDown = false
  let metricsServer: MetricsListener | undefined
  const shutDown = async (signal: string) => {
    if (isShuttingDown) return
    isShuttingDown = true
    clearInterval(statistics)
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    try {
      await metricsServer?.close()
      await app.close() // stops accepting, waits for in-flight requests
      await jobs.stop({ graceful: true, timeoutMs: 30_000 }) // lets running jobs finish; the rest wait in the queue
      await database.close()
      // The last spans are sent; a collector that is down or slow does not fail the shutdown.
      await tracing?.shutdown().catch((error) => app.log.warn({ err: error }, 'the last traces could not be sent'))
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutDown('SIGTERM'))
  process.on('SIGINT', () => void shutDown('SIGINT'))

  await port.release()
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    // Another process took the port in the instant between release and listen.
    const message = describeListenError(error, config.host, config.port)
    throw message ? new StartupError(message) : error
  }
  if (metricsListener && metricsPort) {
    await metricsPort.release()
    const { startMetricsListener } = await import('./metrics/metrics-endpoint.ts')
    try {
      metricsServer = await startMetricsListener(metricsOf(app), { ...metricsListener, token: config.metrics.token })
    } catch (error) {
      const message = describeListenError(error, metricsListener.host, metricsListener.port, METRICS_LISTENER)
      throw message ? new StartupError(message) : error
    }
  }
  await jobs.start()
  // The embedded database's planner statistics, refreshed once listening (a start does not wait
  // for ANALYZE; the first requests may plan without fresh statistics for a moment).
  refreshPlannerStatistics(database).catch((error) => app.log.warn({ err: error }, 'ANALYZE failed'))
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`
  app.log.info(`Tandem is listening on ${config.publicUrl} (database: ${where})`)
  if (config.logLevel === 'silent' || !app.log.info) console.log(`Tandem on ${config.publicUrl}`)
}

main().catch((error) => {
  // The operator's mistakes are one line naming the setting and the fix (exit 2); anything else is a bug.
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message)
    process.exit(2)
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
