import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { type App, buildApp, metricsOf } from '#server/app.ts'
import { type MetricsSettings, testConfig } from '#server/config.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { enrollPerson, runMatching, setUpProgram } from '#server/modules/matching/matching.fixture.ts'
import { buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { createSmtpSink } from '#server/test/smtp-sink.ts'
import { createTestApp, type TestApp } from '#server/test/test-app.ts'
import { startMetricsListener } from './metrics-endpoint.ts'
import { routeLabel } from './prometheus.ts'

const smtp = createSmtpSink()
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ smtpUrl: await smtp.start(), signInMaxAttempts: 2 })
})
afterAll(async () => {
  await t?.close()
  await smtp.stop()
})

interface Scrape {
  families: PrometheusFamily[]
  /** Every histogram series' count and sum by its labels (parse-prometheus-text-format folds a labelled histogram's series into one). */
  histograms: { name: string; labels: Record<string, string>; count: number; sum: number }[]
}

/** Reads one sample line: `name{label="value",...} 12.5`. */
function readSampleLine(line: string): { name: string; labels: Record<string, string>; value: number } | null {
  const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line)
  if (!match?.[1] || !match[3]) return null
  const labels: Record<string, string> = {}
  for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    if (key) labels[key] = (value ?? '').replace(/\\(.)/g, (_all, char: string) => (char === 'n' ? '\n' : char))
  }
  return { name: match[1], labels, value: Number(match[3]) }
}

function parseScrape(text: string): Scrape {
  const families = parsePrometheusTextFormat(text)
  const histogramNames = new Set(families.filter((each) => each.type === 'HISTOGRAM').map((each) => each.name))
  const series = new Map<string, Scrape['histograms'][number]>()
  for (const line of text.split('\n')) {
    const read = line.startsWith('#') ? null : readSampleLine(line)
    const part = read && /_(count|sum)$/.exec(read.name)
    const name = read?.name.replace(/_(count|sum)$/, '')
    if (!read || !part || !name || !histogramNames.has(name)) continue
    const key = `${name}${JSON.stringify(read.labels)}`
    const entry = series.get(key) ?? { name, labels: read.labels, count: 0, sum: 0 }
    if (part[1] === 'count') entry.count = read.value
    else entry.sum = read.value
    series.set(key, entry)
  }
  return { families, histograms: [...series.values()] }
}

async function scrape(app = t.app, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await app.inject({ method: 'GET', url: '/metrics', headers })
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  return parseScrape(response.body)
}

function family({ families }: Scrape, name: string): PrometheusFamily {
  const found = families.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`${name} is not in the scrape`)
  return found
}

const hasLabels = (labels: Record<string, string> | undefined, wanted: Record<string, string>) =>
  Object.entries(wanted).every(([key, value]) => labels?.[key] === value)

/** A counter's or gauge's value. */
function gaugeOf(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  const found = family(scraped, name).metrics.find((metric) => hasLabels(metric.labels, labels))
  if (!found) throw new Error(`${name} has no sample with ${JSON.stringify(labels)}`)
  return Number(found.value)
}

/** A histogram's count and sum over every series with these labels. */
function histogramOf(scraped: Scrape, name: string, labels: Record<string, string> = {}) {
  expect(family(scraped, name).type).toBe('HISTOGRAM')
  const series = scraped.histograms.filter((each) => each.name === name && hasLabels(each.labels, labels))
  return {
    count: series.reduce((total, each) => total + each.count, 0),
    sum: series.reduce((total, each) => total + each.sum, 0),
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
const EMAIL = /[^\s@]+@[^\s@]+/

describe('/metrics after real use', () => {
  test('counts requests by route template, the database, the queues, a matching run, emails and sign-ins; no label names anyone', async () => {
    // A matching run of three enrolled people (one left unmatched).
    const setup = await setUpProgram(t)
    const people = [
      await enrollPerson(
        setup,
        { name: 'Ana Lima' },
        { skills_wanted: ['negotiation'], skills_offered: ['storytelling'] },
      ),
      await enrollPerson(
        setup,
        { name: 'Ben Ortiz' },
        { skills_wanted: ['storytelling'], skills_offered: ['negotiation'] },
      ),
      await enrollPerson(setup, { name: 'Lou Nobody', languages: ['fi'] }),
    ]
    const { run } = await runMatching(setup)
    expect(run.status).toBe('succeeded')

    // Sign-ins: one right, one wrong, then locked out (the limit is 2 attempts).
    const signIn = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } })
    const [ana] = people
    expect((await signIn(ana?.email ?? '', TEST_PASSWORD)).statusCode).toBe(200)
    const carla = await buildPerson(t.db, { organizationId: setup.organizationId, name: 'Carla Mendes' })
    expect((await signIn(carla.email, 'not her password')).statusCode).toBe(401)
    expect((await signIn(carla.email, 'not her password')).statusCode).toBe(401)
    expect((await signIn(carla.email, TEST_PASSWORD)).statusCode).toBe(429)

    // An email over SMTP: a password reset, delivered by the job queue.
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: carla.email },
    })
    expect(reset.statusCode).toBe(202)
    await t.jobs.drain()
    expect(smtp.received.some((mail) => mail.to.includes(carla.email))).toBe(true)

    // A few requests more, with ids in their URLs.
    for (const url of [
      `/api/programs/${setup.program.id}`,
      `/api/people/${ana?.id}`,
      '/api/nope',
      '/assets/missing.js',
    ]) {
      await t.app.inject({ method: 'GET', url, headers: setup.managerHeaders })
    }

    const scraped = await scrape()
    const http = (labels: Record<string, string>) =>
      histogramOf(scraped, 'tandem_http_request_duration_seconds', labels)

    // HTTP: by the route's template, never the raw URL.
    const programRequests = http({ route: '/api/programs/:programId', method: 'GET', status_class: '2xx' })
    expect(programRequests.count).toBe(1)
    expect(programRequests.sum).toBeGreaterThan(0)
    expect(programRequests.sum).toBeLessThan(30)
    expect(http({ route: '/api/auth/sign-in', method: 'POST', status_class: '4xx' }).count).toBe(3)
    expect(http({ route: '/api/auth/sign-in', method: 'POST', status_class: '2xx' }).count).toBe(1)
    expect(http({ route: '/api/people/:personId', method: 'GET' }).count).toBe(1)
    expect(http({ route: '(unmatched)', method: 'GET', status_class: '4xx' }).count).toBe(2)

    // The database: statements timed, the pool's size and use.
    const queries = histogramOf(scraped, 'tandem_db_query_duration_seconds', { outcome: 'ok' })
    expect(queries.count).toBeGreaterThan(20)
    expect(queries.sum).toBeGreaterThan(0)
    const poolMax = gaugeOf(scraped, 'tandem_db_pool_max')
    expect(poolMax).toBe(t.database.kind === 'pglite' ? 1 : 10)
    const open = gaugeOf(scraped, 'tandem_db_pool_connections')
    expect(open).toBeGreaterThanOrEqual(1)
    expect(open).toBeLessThanOrEqual(poolMax)
    expect(gaugeOf(scraped, 'tandem_db_pool_in_use')).toBeLessThanOrEqual(open)
    expect(gaugeOf(scraped, 'tandem_db_pool_waiting')).toBe(0)

    // The job queues, per queue and state: everything ran.
    for (const queue of ['email-send', 'matching-run']) {
      for (const state of ['waiting', 'deferred', 'retry', 'active', 'failed']) {
        expect(gaugeOf(scraped, 'tandem_jobs', { queue, state }), `${queue} ${state}`).toBe(0)
      }
      expect(gaugeOf(scraped, 'tandem_jobs_oldest_waiting_seconds', { queue })).toBe(0)
    }

    // The matching run: one, succeeded, with its duration and the three people it considered.
    expect(gaugeOf(scraped, 'tandem_matching_runs_total', { outcome: 'succeeded' })).toBe(1)
    expect(gaugeOf(scraped, 'tandem_matching_runs_total', { outcome: 'failed' })).toBe(0)
    const duration = histogramOf(scraped, 'tandem_matching_run_duration_seconds', { outcome: 'succeeded' })
    expect(duration.count).toBe(1)
    expect(duration.sum).toBeGreaterThan(0)
    expect(duration.sum).toBeLessThan(60)
    expect(histogramOf(scraped, 'tandem_matching_run_people')).toEqual({ count: 1, sum: 3 })

    // Emails: the reset was queued for SMTP and sent, nothing failed.
    const queued = gaugeOf(scraped, 'tandem_emails_queued_total', { transport: 'smtp' })
    expect(queued).toBeGreaterThanOrEqual(1)
    expect(gaugeOf(scraped, 'tandem_emails_sent_total')).toBe(queued)
    expect(gaugeOf(scraped, 'tandem_email_attempts_failed_total')).toBe(0)
    expect(gaugeOf(scraped, 'tandem_emails_failed_total')).toBe(0)
    const latency = histogramOf(scraped, 'tandem_email_delivery_latency_seconds')
    expect(latency.count).toBe(queued)
    expect(latency.sum).toBeGreaterThanOrEqual(0)
    expect(latency.sum).toBeLessThan(60)

    // Sign-ins.
    expect(gaugeOf(scraped, 'tandem_sign_ins_total', { outcome: 'success' })).toBe(1)
    expect(gaugeOf(scraped, 'tandem_sign_ins_total', { outcome: 'failure' })).toBe(2)
    expect(gaugeOf(scraped, 'tandem_sign_ins_total', { outcome: 'locked_out' })).toBe(1)

    // The process: event-loop lag, heap, resident memory.
    expect(gaugeOf(scraped, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0)
    expect(gaugeOf(scraped, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000)
    expect(gaugeOf(scraped, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(gaugeOf(scraped, 'tandem_info', { database: t.database.kind })).toBe(1)

    // No label value is an id, an email, a person's or an organization's name.
    const organization = await t.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', setup.organizationId)
      .executeTakeFirstOrThrow()
    const names = [...people, carla].map((person) => person.name).concat(organization.name, 'Pat Manager')
    const labelValues = [
      ...scraped.families.flatMap((each) => each.metrics.flatMap((metric) => Object.values(metric.labels ?? {}))),
      ...scraped.histograms.flatMap((each) => Object.values(each.labels)),
    ]
    expect(labelValues.length).toBeGreaterThan(50)
    for (const value of labelValues) {
      expect(value, value).not.toMatch(UUID)
      expect(value, value).not.toMatch(EMAIL)
      for (const name of names) expect(value.toLowerCase(), value).not.toContain(name.toLowerCase())
    }
  }, 120_000)

  test('the route label is the template; the web app files and unmatched paths are one series each', () => {
    expect(routeLabel('/api/people/:personId')).toBe('/api/people/:personId')
    expect(routeLabel('/assets/index-abc123.js')).toBe('(static)')
    expect(routeLabel('/robots.txt')).toBe('(static)')
    expect(routeLabel(undefined)).toBe('(unmatched)')
    expect(routeLabel('/healthz')).toBe('/healthz')
  })
})

/** Another app on the test's database with these metrics settings (its job queue defined, never started). */
async function appWith(metrics: MetricsSettings): Promise<App> {
  const app = await buildApp({
    config: testConfig({ metrics }),
    database: t.database,
    jobs: createJobRunner(t.database),
  })
  await app.ready()
  return app
}

describe('protecting /metrics', () => {
  test('with METRICS_TOKEN, a scrape without the bearer token (or with another) answers 401', async () => {
    const token = 'metrics-token-0123456789abcdef'
    const guarded = await appWith({ isEnabled: true, token, listener: undefined })
    try {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', token, `Basic ${token}`]) {
        const response = await guarded.inject({
          method: 'GET',
          url: '/metrics',
          headers: authorization ? { authorization } : {},
        })
        expect(response.statusCode, String(authorization)).toBe(401)
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
        expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('unauthenticated')
      }
      const scraped = await scrape(guarded, { authorization: `Bearer ${token}` })
      expect(histogramOf(scraped, 'tandem_http_request_duration_seconds', { route: '/metrics' }).count).toBe(4)
    } finally {
      await guarded.close()
    }
  }, 60_000)

  test('with METRICS_PORT, the main port answers 404 for /metrics and the listener of its own serves them', async () => {
    const token = 'metrics-token-0123456789abcdef'
    const separate = await appWith({ isEnabled: true, token, listener: { host: '127.0.0.1', port: 0 } })
    const listener = await startMetricsListener(metricsOf(separate), { host: '127.0.0.1', port: 0, token })
    try {
      const main = await separate.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(main.statusCode).toBe(404)
      expect(ErrorResponseSchema.parse(main.json()).error.code).toBe('route_not_found')

      const base = `http://127.0.0.1:${listener.port}`
      const denied = await fetch(`${base}/metrics`)
      expect(denied.status).toBe(401)
      expect(ErrorResponseSchema.parse(await denied.json()).error.code).toBe('unauthenticated')
      const scraped = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      expect(scraped.status).toBe(200)
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      expect(gaugeOf(parseScrape(await scraped.text()), 'tandem_info', { database: t.database.kind })).toBe(1)
      const elsewhere = await fetch(`${base}/api/programs`, { headers: { authorization: `Bearer ${token}` } })
      expect(elsewhere.status).toBe(404)
      expect(ErrorResponseSchema.parse(await elsewhere.json()).error.code).toBe('route_not_found')
    } finally {
      await listener.close()
      await separate.close()
    }
  }, 60_000)

  test('with METRICS_ENABLED=false, /metrics answers 404 in the error shape', async () => {
    const off = await appWith({ isEnabled: false, token: undefined, listener: undefined })
    try {
      const response = await off.inject({ method: 'GET', url: '/metrics' })
      expect(response.statusCode).toBe(404)
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('route_not_found')
      expect(metricsOf(off).isEnabled).toBe(false)
    } finally {
      await off.close()
    }
  }, 60_000)
})
