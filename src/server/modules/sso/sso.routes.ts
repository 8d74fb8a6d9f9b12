import type { FastifyReply } from 'fastify'
import {
  OidcCallbackQuerySchema,
  OidcSettingsSchema,
  OidcStartQuerySchema,
  SignInOptionsSchema,
  SsoRedirectSchema,
  UpdateOidcSettingsBodySchema,
} from '#contracts/sso.ts'
import type { ApiModule } from '#server/app.ts'
import type { Config } from '#server/config.ts'
import { errorResponses, publicErrorResponses } from '#server/http/error-responses.ts'
import { requireRole, SESSION_COOKIE, viewerOf } from '#server/http/viewer.ts'
import { setSessionCookie } from '#server/modules/auth/session-cookie.ts'
import { createOidcClients } from './oidc-client.ts'
import {
  completeOidcSignIn,
  getOidcSettings,
  LOGIN_STATE_TTL_MS,
  listSignInOptions,
  SsoRefusal,
  startOidcSignIn,
  updateOidcSettings,
} from './sso.service.ts'

/** Each start writes a row: a generous limit per address keeps a script from filling the table. */
const flowRouteConfig = { rateLimit: { max: 60, timeWindow: '1 minute' } } as const

/** The browser's half of a sign-in in flight: its state, only sent back to the callback. */
export const OIDC_STATE_COOKIE = 'tandem_oidc_state'

function stateCookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/api/auth/oidc' }
}

/** A refused single sign-on goes back to the sign-in page, which says why in words. */
function sendToSignIn(reply: FastifyReply, config: Config, refusal: SsoRefusal) {
  reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions(config))
  return reply.redirect(`/sign-in?sso_error=${refusal.code}`, 303)
}

/** Single sign-on with OpenID Connect: the admin's settings, the start and the provider's callback. */
export const registerSsoRoutes: ApiModule = (api, { db, config, clock, metrics }) => {
  const clients = createOidcClients(clock)

  api.get(
    '/organization/oidc',
    {
      schema: {
        tags: ['sso'],
        summary:
          "The organization's OpenID Connect single sign-on settings; the client secret is never answered (admin)",
        response: { 200: OidcSettingsSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getOidcSettings(db, config, viewerOf(request)),
  )

  api.put(
    '/organization/oidc',
    {
      schema: {
        tags: ['sso'],
        summary:
          "Save the OpenID Connect settings (admin): turning it on reads the issuer's discovery document; requiring it needs a break-glass admin; an omitted clientSecret keeps the saved one",
        body: UpdateOidcSettingsBodySchema,
        response: { 200: OidcSettingsSchema, ...errorResponses(422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => updateOidcSettings(db, config, clients, viewerOf(request), request.body, clock.now()),
  )

  api.get(
    '/auth/sign-in-options',
    {
      schema: {
        tags: ['sso'],
        summary: 'The single sign-on buttons of the sign-in page (names and start addresses, nothing secret)',
        response: { 200: SignInOptionsSchema },
      },
    },
    async () => listSignInOptions(db),
  )

  api.get(
    '/auth/oidc/start',
    {
      schema: {
        tags: ['sso'],
        summary:
          "Start a single sign-on: redirects the browser to the organization's provider (authorization code flow with PKCE, state and nonce)",
        querystring: OidcStartQuerySchema,
        response: { 302: SsoRedirectSchema, 303: SsoRedirectSchema, ...publicErrorResponses(429) },
      },
      config: flowRouteConfig,
    },
    async (request, reply) => {
      try {
        const started = await startOidcSignIn(db, config, clients, request.query.organization, clock.now())
        reply.setCookie(OIDC_STATE_COOKIE, started.state, {
          ...stateCookieOptions(config),
          maxAge: LOGIN_STATE_TTL_MS / 1000,
        })
        return reply.redirect(started.redirectUrl, 302)
      } catch (error) {
        if (error instanceof SsoRefusal) return sendToSignIn(reply, config, error)
        throw error
      }
    },
  )

  api.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags: ['sso'],
        summary:
          'Where the provider sends the browser back: signs the person in (session cookie) and redirects to the app, or to /sign-in?sso_error=<code>',
        querystring: OidcCallbackQuerySchema,
        response: { 303: SsoRedirectSchema, ...publicErrorResponses(429) },
      },
      config: flowRouteConfig,
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent']
      const queryAt = request.url.indexOf('?')
      try {
        const started = await completeOidcSignIn(
          db,
          config,
          clients,
          {
            search: queryAt === -1 ? '' : request.url.slice(queryAt),
            state: request.query.state,
            cookieState: request.cookies[OIDC_STATE_COOKIE],
          },
          {
            ip: request.ip,
            userAgent: typeof userAgent === 'string' ? userAgent : '',
            previousToken: request.cookies[SESSION_COOKIE],
          },
          clock.now(),
        )
        metrics.recordSignIn('success')
        reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions(config))
        setSessionCookie(reply, config, started.token)
        return reply.redirect('/', 303)
      } catch (error) {
        if (error instanceof SsoRefusal) {
          metrics.recordSignIn('failure')
          return sendToSignIn(reply, config, error)
        }
        throw error
      }
    },
  )
}
