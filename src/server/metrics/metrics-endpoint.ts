import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ErrorCode, ErrorResponse } from '#contracts/errors.ts'
import type { App } from '#server/app.ts'
import { sendError } from '#server/http/error-handler.ts'
import type { Metrics } from './metrics.ts'

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Whether an Authorization header carries the bearer token (compared in constant time); any request passes without a token. */
export function isMetricsRequestAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token))
}

const UNAUTHENTICATED = 'The metrics need the bearer token configured in METRICS_TOKEN'

/** GET /metrics on the app's own port (when no METRICS_PORT gives it a listener of its own). */
export function registerMetricsRoute(app: App, metrics: Metrics, token: string | undefined) {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!isMetricsRequestAllowed(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"')
      return sendError(reply, 'unauthenticated', UNAUTHENTICATED)
    }
    const { contentType, body } = await metrics.scrape()
    return reply.header('cache-control', 'no-store').type(contentType).send(body)
  })
}

export interface MetricsListener {
  port: number
  close(): Promise<void>
}

/**
 * /metrics on a listener of its own (METRICS_PORT), for a scraper on an internal network: it
 * answers /metrics and nothing else, with the token when one is set.
 */
export async function startMetricsListener(
  metrics: Metrics,
  options: { host: string; port: number; token: string | undefined },
): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    const answerError = (status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) => {
      const body: ErrorResponse = { error: { code, message, details: [] } }
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      response.end(JSON.stringify(body))
    }
    const pathname = (request.url ?? '').split('?')[0]
    if (pathname !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return answerError(404, 'route_not_found', `No route ${request.method} ${pathname}`)
    }
    if (!isMetricsRequestAllowed(request.headers.authorization, options.token)) {
      return answerError(401, 'unauthenticated', UNAUTHENTICATED, { 'www-authenticate': 'Bearer realm="metrics"' })
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' })
        response.end(request.method === 'HEAD' ? undefined : body)
      },
      () => answerError(500, 'internal_error', 'The metrics could not be collected'),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
