import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Metrics, MetricsSources } from './metrics.ts'

const QUEUE_STATES = ['waiting', 'deferred', 'retry', 'active', 'failed'] as const

/** Label of a request no route answered (the app's page served for a page route, or a 404). */
const UNMATCHED_ROUTE = '(unmatched)'
/** Label of the web app's files: one route each for fastify-static, gathered into one series. */
const STATIC_ROUTE = '(static)'

/**
 * The route label: Fastify's route template (never the raw URL, which holds ids); the web app's
 * files and requests no route matched are each gathered under one value, so the number of series
 * stays fixed however many files or probed paths there are.
 */
export function routeLabel(routeTemplate: string | undefined): string {
  if (!routeTemplate) return UNMATCHED_ROUTE
  if (!routeTemplate.startsWith('/api/') && /\.[a-z0-9]+$/i.test(routeTemplate)) return STATIC_ROUTE
  return routeTemplate
}

/** One registry per app (tests run several apps in one process), with Node's process metrics. */
export function createPrometheusMetrics(sources: MetricsSources): Metrics {
  const register = new Registry()
  collectDefaultMetrics({ register })

  new Gauge({
    name: 'tandem_info',
    help: 'Always 1; the labels say which version runs on which kind of database',
    labelNames: ['version', 'database'],
    registers: [register],
  })
    .labels(sources.version, sources.database.kind)
    .set(1)

  const requestDuration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status class',
    labelNames: ['route', 'method', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  })

  const queryDuration = new Histogram({
    name: 'tandem_db_query_duration_seconds',
    help: "The app's database statements (through its query builder), by outcome",
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  })
  sources.database.onQuery((durationMs, isFailed) => {
    queryDuration.labels(isFailed ? 'error' : 'ok').observe(durationMs / 1000)
  })

  const connections = (
    name: string,
    help: string,
    read: (usage: ReturnType<MetricsSources['database']['connections']>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [register],
      collect() {
        this.set(read(sources.database.connections()))
      },
    })
  connections(
    'tandem_db_pool_max',
    "The most connections the app's pool opens (1 on the embedded database: its single session)",
    (usage) => usage.max,
  )
  connections('tandem_db_pool_connections', "Connections the app's pool holds open", (usage) => usage.open)
  connections('tandem_db_pool_in_use', 'Connections running a statement or a transaction', (usage) => usage.inUse)
  connections('tandem_db_pool_waiting', 'Callers waiting for a free connection', (usage) => usage.waiting)

  new Gauge({
    name: 'tandem_jobs',
    help: 'Background jobs per queue and state (waiting: due, deferred: due later, retry: waiting for another attempt, failed: every attempt failed)',
    labelNames: ['queue', 'state'],
    registers: [register],
    async collect() {
      this.reset()
      for (const counts of await queueCounts()) {
        for (const state of QUEUE_STATES) this.labels(counts.queue, state).set(counts[state])
      }
    },
  })
  new Gauge({
    name: 'tandem_jobs_oldest_waiting_seconds',
    help: 'How long the longest-waiting due job of each queue has waited (0: none waits)',
    labelNames: ['queue'],
    registers: [register],
    async collect() {
      this.reset()
      for (const counts of await queueCounts()) this.labels(counts.queue).set(counts.oldestWaitingSeconds)
    },
  })
  // Both queue gauges read one query per scrape.
  let pendingCounts: ReturnType<MetricsSources['jobs']['counts']> | null = null
  const queueCounts = async () => {
    pendingCounts ??= sources.jobs.counts().finally(() => {
      pendingCounts = null
    })
    try {
      return await pendingCounts
    } catch (error) {
      sources.warn(`metrics: the job queue's counts could not be read (${(error as Error).message})`)
      return []
    }
  }

  const matchingRuns = new Counter({
    name: 'tandem_matching_runs_total',
    help: 'Matching runs that ended, by outcome (abandoned: every attempt died with its worker)',
    labelNames: ['outcome'],
    registers: [register],
  })
  const matchingDuration = new Histogram({
    name: 'tandem_matching_run_duration_seconds',
    help: 'Matching runs from start to stored result, by outcome',
    labelNames: ['outcome'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [register],
  })
  const matchingPeople = new Histogram({
    name: 'tandem_matching_run_people',
    help: 'People a matching run considered',
    buckets: [2, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000],
    registers: [register],
  })
  for (const outcome of ['succeeded', 'failed', 'abandoned']) matchingRuns.labels(outcome).inc(0)

  const emailsQueued = new Counter({
    name: 'tandem_emails_queued_total',
    help: 'Emails queued, by transport (smtp: delivered by a job; outbox: kept for the development mail catcher)',
    labelNames: ['transport'],
    registers: [register],
  })
  const emailsSent = new Counter({
    name: 'tandem_emails_sent_total',
    help: 'Emails the mail server accepted',
    registers: [register],
  })
  const emailAttemptsFailed = new Counter({
    name: 'tandem_email_attempts_failed_total',
    help: 'Delivery attempts that failed (each is retried with back-off until its last)',
    registers: [register],
  })
  const emailsFailed = new Counter({
    name: 'tandem_emails_failed_total',
    help: 'Emails whose last delivery attempt failed (given up)',
    registers: [register],
  })
  const emailLatency = new Histogram({
    name: 'tandem_email_delivery_latency_seconds',
    help: 'From an email queued to the mail server accepting it, retries included',
    buckets: [0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600, 7200],
    registers: [register],
  })
  for (const transport of ['smtp', 'outbox']) emailsQueued.labels(transport).inc(0)

  const signIns = new Counter({
    name: 'tandem_sign_ins_total',
    help: 'Sign-ins by outcome (failure: wrong email or password, or a deactivated account; locked_out: refused by the attempt limit)',
    labelNames: ['outcome'],
    registers: [register],
  })
  for (const outcome of ['success', 'failure', 'locked_out']) signIns.labels(outcome).inc(0)

  return {
    isEnabled: true,
    observeRequest({ route, method, statusCode, seconds }) {
      requestDuration.labels(routeLabel(route), method, `${Math.floor(statusCode / 100)}xx`).observe(seconds)
    },
    recordSignIn: (outcome) => signIns.labels(outcome).inc(),
    recordMatchingRun({ outcome, seconds, people }) {
      matchingRuns.labels(outcome).inc()
      if (seconds !== undefined) matchingDuration.labels(outcome).observe(seconds)
      if (people !== undefined) matchingPeople.observe(people)
    },
    recordEmailQueued: (transport) => emailsQueued.labels(transport).inc(),
    recordEmailSent(latencySeconds) {
      emailsSent.inc()
      emailLatency.observe(Math.max(0, latencySeconds))
    },
    recordEmailFailed(isFinal) {
      emailAttemptsFailed.inc()
      if (isFinal) emailsFailed.inc()
    },
    scrape: async () => ({ contentType: register.contentType, body: await register.metrics() }),
    close: () => register.clear(),
  }
}
