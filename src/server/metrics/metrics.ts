import type { ConnectionUsage, QueryListener } from '#server/db/connect.ts'
import type { QueueCounts } from '#server/jobs/job-runner.ts'

export type SignInOutcome = 'success' | 'failure' | 'locked_out'

/** How a matching run ended: `abandoned` is a run failed after every attempt's worker died. */
export type MatchingRunOutcome = 'succeeded' | 'failed' | 'abandoned'

export interface RequestObservation {
  /** The route's template (`/api/programs/:programId`), never the raw URL; undefined when no route matched. */
  route: string | undefined
  method: string
  statusCode: number
  seconds: number
}

/**
 * What Tandem counts for its operators (Prometheus, `/metrics`). Every label is from a fixed set
 * (a route template, a queue name, an outcome): never an id, a name, an email or any text a
 * person typed.
 */
export interface Metrics {
  readonly isEnabled: boolean
  observeRequest(observation: RequestObservation): void
  recordSignIn(outcome: SignInOutcome): void
  /** A matching run that ended; its duration and the people it was given, when it ran. */
  recordMatchingRun(run: { outcome: MatchingRunOutcome; seconds?: number; people?: number }): void
  recordEmailQueued(transport: 'smtp' | 'outbox'): void
  /** An email the mail server accepted, `latencySeconds` after it was queued. */
  recordEmailSent(latencySeconds: number): void
  /** A failed delivery attempt; `isFinal` when it was the email's last (it will not be retried). */
  recordEmailFailed(isFinal: boolean): void
  /** The metrics in Prometheus' text exposition format. */
  scrape(): Promise<{ contentType: string; body: string }>
  close(): void
}

/** What the metrics read at each scrape (the database's connections and the job queue's counts). */
export interface MetricsSources {
  version: string
  database: { kind: 'pglite' | 'postgres'; connections(): ConnectionUsage; onQuery(listener: QueryListener): void }
  jobs: { counts(): Promise<QueueCounts[]> }
  /** Where a failed scrape-time read is reported (the scrape itself still answers). */
  warn(message: string): void
}

/** Metrics turned off (METRICS_ENABLED=false): every record is a no-op and prom-client is never loaded. */
export const noMetrics: Metrics = {
  isEnabled: false,
  observeRequest: () => {},
  recordSignIn: () => {},
  recordMatchingRun: () => {},
  recordEmailQueued: () => {},
  recordEmailSent: () => {},
  recordEmailFailed: () => {},
  scrape: async () => ({ contentType: 'text/plain', body: '' }),
  close: () => {},
}

/** The Prometheus metrics, loading prom-client only now (a start with metrics off never pays for it). */
export async function loadMetrics(sources: MetricsSources): Promise<Metrics> {
  const { createPrometheusMetrics } = await import('./prometheus.ts')
  return createPrometheusMetrics(sources)
}
