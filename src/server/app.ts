import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ApiTokenScope } from '#contracts/api-tokens.ts'
import { isPageRoute } from '#contracts/page-routes.ts'
import { SCIM_BASE_PATH } from '#contracts/scim.ts'
import { type Clock, systemClock } from './clock.ts'
import type { Config } from './config.ts'
import type { DatabaseHandle } from './db/connect.ts'
import type { Role } from './db/schema.ts'
import { registerErrorHandler, sendError, sendFrameworkError } from './http/error-handler.ts'
import { createRateLimitSetup } from './http/rate-limits.ts'
import { registerSecurityHeaders } from './http/security-headers.ts'
import { registerViewer, requiredRoleOf } from './http/viewer.ts'
import type { JobRunner } from './jobs/job-runner.ts'
import { createMailer, type Mailer } from './mail/mailer.ts'
import { loadMetrics, type Metrics, noMetrics } from './metrics/metrics.ts'
import { registerMetricsRoute } from './metrics/metrics-endpoint.ts'
import { registerApiTokenRoutes } from './modules/api-tokens/api-tokens.routes.ts'
import { findIntegrationViewer } from './modules/api-tokens/api-tokens.service.ts'
import { registerAuditRoutes } from './modules/audit/audit.routes.ts'
import { registerAuthRoutes } from './modules/auth/auth.routes.ts'
import { registerDataRightsRoutes } from './modules/data-rights/data-rights.routes.ts'
import { registerEnrollmentRoutes } from './modules/enrollments/enrollments.routes.ts'
import { registerExerciseRoutes } from './modules/exercises/exercises.routes.ts'
import { registerFeedbackRoutes } from './modules/feedback/feedback.routes.ts'
import { registerFitAndExitRoutes } from './modules/fit-and-exits/fit-and-exits.routes.ts'
import { registerHealthRoutes } from './modules/health/health.routes.ts'
import { registerInsightRoutes } from './modules/insights/insights.routes.ts'
import { registerJobRoutes } from './modules/jobs/jobs.routes.ts'
import { registerMatchingRoutes } from './modules/matching/matching.routes.ts'
import { registerNoteRoutes } from './modules/notes/notes.routes.ts'
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts'
import { registerOrganizationRoutes } from './modules/organizations/organizations.routes.ts'
import { registerOutboxRoutes } from './modules/outbox/outbox.routes.ts'
import { registerPeopleRoutes } from './modules/people/people.routes.ts'
import { registerPeopleImportRoutes } from './modules/people/people-import.routes.ts'
import { registerProgramRoutes } from './modules/programs/programs.routes.ts'
import { registerReminderRoutes } from './modules/reminders/reminders.routes.ts'
import { registerScimAdminRoutes, registerScimRoutes, sendScimFrameworkError } from './modules/scim/scim.routes.ts'
import { registerSessionRoutes } from './modules/sessions/sessions.routes.ts'
import { registerSkillRoutes } from './modules/skills/skills.routes.ts'
import { registerSsoRoutes } from './modules/sso/sso.routes.ts'
import { registerSystemRoutes } from './modules/system/system.routes.ts'
import { registerThemeRoutes } from './modules/themes/themes.routes.ts'
import { registerWebhookRoutes } from './modules/webhooks/webhooks.routes.ts'
import { registerWellbeingRoutes } from './modules/wellbeing/wellbeing.routes.ts'
import { registerWorkspaceRoutes } from './modules/workspaces/workspaces.routes.ts'
import { loadSecretBox, type SecretBox } from './secrets/secret-box.ts'
import type { Tracing } from './tracing/tracing.ts'
import { TANDEM_VERSION } from './version.ts'

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>

export interface AppDeps {
  config: Config
  database: DatabaseHandle
  /** The durable job queue, created (and started, then stopped) by buildApp's owner: main.ts or the tests. */
  jobs: JobRunner
  mailer?: Mailer
  /** Prefix of the rate-limit keys (tests give each app group its own in a shared Redis). */
  rateLimitKeyPrefix?: string
  /** Where the app reads the time (default: the system clock); tests pass a settable one. */
  clock?: Clock
  /** OpenTelemetry traces, when on (main.ts starts them before importing the app; decision 038). */
  tracing?: Tracing
  /** What seals stored secrets (decision 047); default: from SECRET_KEY, else DATA_DIR's key file. */
  secrets?: SecretBox
}

/** Everything a module needs, passed explicitly (no container). */
export interface AppContext {
  config: Config
  db: DatabaseHandle['db']
  /** Which database the app runs on: the embedded PGlite or a PostgreSQL server. */
  databaseKind: DatabaseHandle['kind']
  mailer: Mailer
  /** Modules define their queues on it while registering, and queue jobs on it. */
  jobs: JobRunner
  /** The only source of the current time for services, repositories, routes and jobs (decision 018). */
  clock: Clock
  /** What operators count (Prometheus): routes and jobs record outcomes on it; a no-op when metrics are off. */
  metrics: Metrics
  /** Seals and opens the secrets the database keeps (decision 047). */
  secrets: SecretBox
}

/** What a route without a declared query string or body accepts: nothing (an empty JSON object, or null, at most). */
export const NoQuerySchema = z.strictObject({})
export const NoBodySchema = z.strictObject({}).nullish()

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web')

/** Builds the whole HTTP application; main.ts and the tests both call it. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, jobs, tracing } = deps
  const clock = deps.clock ?? systemClock
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // With tracing on, the request id is the request's trace id: its log lines (reqId) and its
    // x-request-id answer lead to its trace (a caller continues its own trace with `traceparent`).
    genReqId: (request) => {
      const traceId = tracing?.currentTraceId()
      if (traceId) return traceId
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
    },
    bodyLimit: 20 * 1024 * 1024,
    // Router errors (a path parameter over maxParamLength, 100: no id is that long; a bad %-escape)
    // answer in the error shape too.
    frameworkErrors: (error, request, reply) =>
      request.url.startsWith(`${SCIM_BASE_PATH}/`)
        ? sendScimFrameworkError(error, request, reply)
        : sendFrameworkError(error, request, reply),
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>()
  // Before any hook or route, so that Fastify's spans cover all of them.
  if (tracing) await app.register(tracing.fastifyPlugin)

  const metrics = config.metrics.isEnabled
    ? await loadMetrics({ version: TANDEM_VERSION, database, jobs, warn: (message) => app.log.warn(message) })
    : noMetrics
  appMetrics.set(app, metrics)
  const mailer =
    deps.mailer ??
    createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      jobs,
      db: database.db,
      publicUrl: config.publicUrl,
      clock,
      metrics,
    })
  if (metrics.isEnabled) {
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest({
        route: request.routeOptions.url,
        method: request.method,
        statusCode: reply.statusCode,
        seconds: reply.elapsedTime / 1000,
      })
    })
    app.addHook('onClose', async () => metrics.close())
  }

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandler(app, database.availability)
  database.availability.setLogger(app.log)
  const routes: RegisteredRoute[] = []
  registeredRoutes.set(app, routes)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    // One policy for unknown input (decision 014): an API route that declares no query string or
    // no body refuses any, like a declared strict object refuses an unknown field.
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) {
      route.schema ??= {}
      route.schema.querystring ??= NoQuerySchema
      if (methods.some((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method))) route.schema.body ??= NoBodySchema
    }
    const tags = route.schema?.tags ?? []
    const { body, querystring, params, response } = route.schema ?? {}
    const input = { body, querystring, params } as RegisteredRoute['input']
    const responses = (response ?? {}) as RegisteredRoute['responses']
    const produces = (route.schema as { produces?: readonly string[] } | undefined)?.produces ?? []
    const hooks = ['onRequest', 'preValidation', 'preHandler'] as const
    const roleGuardHook = hooks.find((hook) => requiredRoleOf(route[hook]) !== null) ?? null
    const requiredRole = roleGuardHook ? requiredRoleOf(route[roleGuardHook]) : null
    const apiTokenScope = route.config?.apiTokenScope ?? null
    // The OpenAPI document names the routes an API token may use, and the scope each needs (decision 043).
    if (apiTokenScope && route.schema) {
      route.schema.security = [{ session: [] }, { apiToken: [] }]
      route.schema.description = `${route.schema.description ? `${route.schema.description} ` : ''}Accepts an organization API token (\`Authorization: Bearer\`) with the \`${apiTokenScope}\` scope.`
    }
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        isHidden: route.schema?.hide === true,
        tags,
        input,
        responses,
        produces,
        requiredRole,
        roleGuardHook,
        apiTokenScope,
      })
    }
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.env === 'production',
  })
  await app.register(fastifyCookie)
  // Counted where every instance sees them: Redis when REDIS_URL is set, otherwise the database.
  const rateLimits = createRateLimitSetup({
    redisUrl: config.redisUrl,
    db: database.db,
    clock,
    keyPrefix: deps.rateLimitKeyPrefix,
    warn: (message) => app.log.warn(message),
  })
  // The first requests are counted too: ready waits for Redis' first connection (or its failure).
  app.addHook('onReady', () => rateLimits.waitUntilConnected())
  app.addHook('onClose', () => rateLimits.close())
  await app.register(fastifyRateLimit, rateLimits.options)
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: TANDEM_VERSION, description: 'Peer coaching and peer mentoring programs' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An organization API token (`tdm_...`), created by an admin under Administration > API tokens. ' +
              'Only the routes that list this scheme accept it, each with the scope it names; every other route answers 403 api_token_not_allowed.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  let secrets = deps.secrets
  if (!secrets) {
    const loaded = loadSecretBox(config)
    secrets = loaded.box
    if (config.databaseUrl && loaded.source !== 'SECRET_KEY')
      app.log.warn(
        { keyFile: loaded.source },
        'SECRET_KEY is not set: stored secrets are sealed with the key file in DATA_DIR; several instances on one database need the same SECRET_KEY',
      )
  }
  const context: AppContext = {
    config,
    db: database.db,
    databaseKind: database.kind,
    mailer,
    jobs,
    clock,
    metrics,
    secrets,
  }
  registerViewer(app, context.db, clock, database.sessionChanges, (secret, address, now) =>
    findIntegrationViewer(context.db, secret, address, now),
  )
  registerHealthRoutes(app, database)
  // With METRICS_PORT, /metrics is only on its own listener (main.ts starts it): here it is a 404.
  if (metrics.isEnabled && !config.metrics.listener) registerMetricsRoute(app, metrics, config.metrics.token)
  // A named plugin: Fastify names its hooks (and so the trace's hook spans) after it.
  await app.register(
    async function apiRoutes(api) {
      for (const register of apiModules) await register(api as App, context)
    },
    { prefix: '/api' },
  )
  // SCIM 2.0 provisioning, outside /api: its own token, content type and error shape (decision 042).
  await registerScimRoutes(app as App, context)

  // The built web app is read once at start (fastify-static registers a route per file).
  const hasWebApp = existsSync(path.join(webRoot, 'index.html'))
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies beside each text file; the one the browser accepts is sent.
      preCompressed: true,
      // Vite names every file under assets/ by its content's hash: a browser may keep it for good.
      // Anything else (index.html above all) is checked with the server each time, so a new
      // release is seen at once.
      cacheControl: false,
      setHeaders: (response, filePath) => {
        const isHashed = filePath.startsWith(path.join(webRoot, 'assets') + path.sep)
        response.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/'
    // The app's pages get the app; anything else (an unknown API route, a missing file such as an old
    // /assets/*.js, /metrics when it is off or served on its own port) gets a real 404, so a scraper
    // or a script never mistakes the app's page for an answer.
    const isPageRequest = hasWebApp && (request.method === 'GET' || request.method === 'HEAD') && isPageRoute(pathname)
    if (isPageRequest) return reply.type('text/html; charset=utf-8').sendFile('index.html')
    return sendError(reply, 'route_not_found', `No route ${request.method} ${pathname}`)
  })

  app.addHook('onClose', async () => {
    mailer.close()
  })
  return app
}

export interface RegisteredRoute {
  method: string
  url: string
  isHidden: boolean
  /** The OpenAPI tags: the module that owns the route. */
  tags: readonly string[]
  /** The request contracts (Zod schemas) the route validates against, for the contract sweeps. */
  input: { body?: unknown; querystring?: unknown; params?: unknown }
  /** The response contracts by status code (the web client's route types are generated from them). */
  responses: Record<string, unknown>
  /** The media types of a download (`schema.produces`); empty for a JSON answer. */
  produces: readonly string[]
  /** The role its guard requires (requireRole, requireRoleOrNotFound), or null. */
  requiredRole: Role | null
  /** The hook the role guard runs in: `preValidation` (before the body is read) is the only right one. */
  roleGuardHook: 'onRequest' | 'preValidation' | 'preHandler' | null
  /** The API token scope that admits a Bearer request (the route's `apiTokenScope` marker), or null: no token. */
  apiTokenScope: ApiTokenScope | null
}

const registeredRoutes = new WeakMap<object, RegisteredRoute[]>()
const appMetrics = new WeakMap<object, Metrics>()

/** The app's metrics (main.ts serves them on METRICS_PORT's listener; tests read them). */
export function metricsOf(app: App): Metrics {
  return appMetrics.get(app) ?? noMetrics
}

/** Every route the app registered (OpenAPI completeness is checked against it). */
export function listRegisteredRoutes(app: App): RegisteredRoute[] {
  return registeredRoutes.get(app) ?? []
}

export type ApiModule = (api: App, context: AppContext) => Promise<void> | void

/** Each domain module registers its routes here, in one place. */
const apiModules: ApiModule[] = [
  registerSkillRoutes,
  registerPeopleRoutes,
  registerPeopleImportRoutes,
  registerOrganizationRoutes,
  registerAuthRoutes,
  registerSsoRoutes,
  registerScimAdminRoutes,
  registerOutboxRoutes,
  registerNotificationRoutes,
  registerMatchingRoutes,
  registerThemeRoutes,
  registerProgramRoutes,
  registerEnrollmentRoutes,
  registerExerciseRoutes,
  registerWorkspaceRoutes,
  registerSessionRoutes,
  registerNoteRoutes,
  registerFeedbackRoutes,
  registerWellbeingRoutes,
  registerFitAndExitRoutes,
  registerInsightRoutes,
  registerJobRoutes,
  registerSystemRoutes,
  registerReminderRoutes,
  registerDataRightsRoutes,
  registerAuditRoutes,
  registerApiTokenRoutes,
  registerWebhookRoutes,
]
