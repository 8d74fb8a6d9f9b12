import type { FastifyInstance } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * Helmet's security headers on every answer. `@fastify/helmet` built a new helmet middleware, and so
 * re-parsed the Content-Security-Policy, on each request (about 4% of the server's CPU at 300 req/s
 * in `npm run bench api`); the middleware is built once here and applied by one onRequest hook,
 * with the same headers.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const setHeaders = helmet(options)
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined))
  })
}
