// OpenTelemetry traces (decision 038). This module, and through it the SDK, is imported only when
// tracing is on (an OTLP endpoint is set): a start without it loads none of it.
import { createRequire } from 'node:module'
import { FastifyOtelInstrumentation } from '@fastify/otel'
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { NodeSDK } from '@opentelemetry/sdk-node'
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace'
import type { FastifyPluginCallback } from 'fastify'
import type { TracingSettings } from '../config.ts'
import { RedactingSpanProcessor } from './span-redaction.ts'

/** What the app uses of the tracing when it is on (main.ts starts it and hands it to buildApp and the database). */
export interface Tracing {
  /** Fastify's own spans (request, hooks, handler); registered before any route. */
  fastifyPlugin: FastifyPluginCallback
  /** The trace id of the span active now (the request's, inside a request), or undefined. */
  currentTraceId(): string | undefined
  /** Runs an embedded-database statement inside a client span (PGlite has no driver to instrument). */
  traceQuery<T>(sql: string, run: () => Promise<T>): Promise<T>
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>
}

// Probes and the scraper ask every few seconds; their traces would bury the requests people make.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

async function createExporter(protocol: TracingSettings['protocol']): Promise<SpanExporter> {
  // Each exporter reads OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, _HEADERS, _TIMEOUT and _COMPRESSION itself.
  if (protocol === 'http/json') return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
  if (protocol === 'grpc') return new (await import('@opentelemetry/exporter-trace-otlp-grpc')).OTLPTraceExporter()
  return new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter()
}

/** Starts the SDK and its instrumentations; call it before the app's modules are imported. */
export async function startTracing(settings: TracingSettings): Promise<Tracing> {
  const fastifyInstrumentation = new FastifyOtelInstrumentation()
  const sdk = new NodeSDK({
    serviceName: settings.defaultServiceName,
    // Traces only: Prometheus serves the metrics, and the logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
    spanProcessors: [
      new RedactingSpanProcessor(),
      new BatchSpanProcessor({ exporter: await createExporter(settings.protocol) }),
    ],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // Outgoing calls (OpenID providers, webhooks) belong to a request or a job; alone they are noise.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // The job queue polls all the time: only statements made for a traced request or job get spans.
      // Statements are recorded as sent, parameterised ($1, $2): the values never go into a span.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      fastifyInstrumentation,
    ],
  })
  sdk.start()
  // The server's own modules imported pg and node:http before tracing could start (the start-up
  // checks need them). The instrumentations patch a module as it is required: requiring them now
  // patches the prototypes every client and server share (pg's Client and pg-pool's Pool, http's Server).
  const require = createRequire(import.meta.url)
  for (const name of ['node:http', 'node:https', 'pg', 'pg-pool']) require(name)

  const tracer = trace.getTracer('tandem')
  return {
    fastifyPlugin: fastifyInstrumentation.plugin() as FastifyPluginCallback,
    currentTraceId: () => trace.getActiveSpan()?.spanContext().traceId,
    traceQuery: (sql, run) => {
      if (!trace.getSpan(context.active())) return run()
      const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'QUERY'
      return tracer.startActiveSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': sql },
        },
        async (span) => {
          try {
            return await run()
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR })
            if (error && typeof error === 'object' && 'code' in error)
              span.setAttribute('error.type', String(error.code))
            throw error
          } finally {
            span.end()
          }
        },
      )
    },
    shutdown: () => sdk.shutdown(),
  }
}
