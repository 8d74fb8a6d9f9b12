import type { FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  OidcCallbackQuerySchema,
  OidcSettingsSchema,
  OidcStartQuerySchema,
  ParsedSamlMetadataSchema,
  ParseSamlMetadataBodySchema,
  SAML_FINISH_PATH,
  SamlAcsBodySchema,
  SamlFinishQuerySchema,
  SamlStartQuerySchema,
  SignInOptionsSchema,
  SsoRedirectSchema,
  UpdateSsoSettingsBodySchema,
} from '#contracts/sso.ts'
import type { ApiModule } from '#server/app.ts'
import type { Config } from '#server/config.ts'
import { errorResponses, publicErrorResponses } from '#server/http/error-responses.ts'
import { requireRole, SESSION_COOKIE, viewerOf } from '#server/http/viewer.ts'
import { setSessionCookie } from '#server/modules/auth/session-cookie.ts'
import { sealStoredSecretsAtStart } from '#server/secrets/seal-at-start.ts'
import { createOidcClients } from './oidc-client.ts'
import { spMetadataXml } from './saml-client.ts'
import {
  completeOidcSignIn,
  completeSamlSignIn,
  finishSamlSignIn,
  getOidcSettings,
  LOGIN_STATE_TTL_MS,
  listSignInOptions,
  readSamlMetadata,
  SsoRefusal,
  sealStoredClientSecrets,
  startOidcSignIn,
  startSamlSignIn,
  updateOidcSettings,
} from './sso.service.ts'

/** Each start writes a row: a generous limit per address keeps a script from filling the table. */
const flowRouteConfig = { rateLimit: { max: 60, timeWindow: '1 minute' } } as const

/** The browser's half of a sign-in in flight: its state, only sent back to the callback. */
export const OIDC_STATE_COOKIE = 'tandem_oidc_state'

/** The SAML sign-in's browser secret: only the browser that started a sign-in can finish it. */
export const SAML_BROWSER_COOKIE = 'tandem_saml_request'

function samlCookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/api/auth/saml' }
}

function stateCookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/api/auth/oidc' }
}

/** A refused single sign-on goes back to the sign-in page, which says why in words. */
function sendToSignIn(reply: FastifyReply, config: Config, refusal: SsoRefusal) {
  reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions(config))
  return reply.redirect(`/sign-in?sso_error=${refusal.code}`, 303)
}

/** The largest SAMLResponse form accepted (a signed assertion with a few attributes is a few kilobytes). */
const SAML_ACS_BODY_LIMIT = 512 * 1024

/** Single sign-on with OpenID Connect or SAML: the admin's settings, the starts and the providers' answers. */
export const registerSsoRoutes: ApiModule = (api, { db, config, clock, metrics, secrets }) => {
  const clients = createOidcClients(clock)
  sealStoredSecretsAtStart(api, 'client secrets', () => sealStoredClientSecrets(db, secrets))

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
          "Save the single sign-on settings (admin), OpenID Connect or SAML (protocol: 'saml'): turning OpenID Connect on reads the issuer's discovery document; SAML certificates must parse; requiring it needs a break-glass admin; an omitted clientSecret keeps the saved one",
        body: UpdateSsoSettingsBodySchema,
        response: { 200: OidcSettingsSchema, ...errorResponses(422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => updateOidcSettings(db, config, clients, secrets, viewerOf(request), request.body, clock.now()),
  )

  api.get(
    '/auth/sign-in-options',
    {
      schema: {
        tags: ['sso'],
        summary: 'The single sign-on buttons of the sign-in page (names and start addresses, nothing secret)',
        response: { 200: SignInOptionsSchema },
      },
      // Public, read by every page load: also for a session held at two-step sign-in set-up (decision 040).
      config: { allowDuringMfaEnrollment: true },
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
        const started = await startOidcSignIn(db, config, clients, secrets, request.query.organization, clock.now())
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
          secrets,
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

  api.post(
    '/organization/saml/metadata',
    {
      schema: {
        tags: ['sso'],
        summary:
          "Read an identity provider's SAML metadata XML: its entity id, sign-on URL (HTTP-Redirect) and signing certificates, to fill the settings (admin; nothing is saved)",
        body: ParseSamlMetadataBodySchema,
        response: { 200: ParsedSamlMetadataSchema, ...errorResponses(422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => readSamlMetadata(request.body.metadataXml),
  )

  api.get(
    '/auth/saml/metadata',
    {
      schema: {
        tags: ['sso'],
        summary:
          "Tandem's SAML service provider metadata (its address is the entity id; the ACS takes HTTP-POST; assertions must be signed)",
        response: { 200: z.string().describe('SAML metadata (application/samlmetadata+xml)') },
      },
    },
    async (_request, reply) =>
      reply.type('application/samlmetadata+xml; charset=utf-8').send(await spMetadataXml(config)),
  )

  api.get(
    '/auth/saml/start',
    {
      schema: {
        tags: ['sso'],
        summary:
          "Start a SAML single sign-on: redirects the browser to the organization's identity provider with an AuthnRequest (HTTP-Redirect binding)",
        querystring: SamlStartQuerySchema,
        response: { 302: SsoRedirectSchema, 303: SsoRedirectSchema, ...publicErrorResponses(429) },
      },
      config: flowRouteConfig,
    },
    async (request, reply) => {
      try {
        const started = await startSamlSignIn(db, config, request.query.organization, clock.now())
        reply.setCookie(SAML_BROWSER_COOKIE, started.browserSecret, {
          ...samlCookieOptions(config),
          maxAge: LOGIN_STATE_TTL_MS / 1000,
        })
        return reply.redirect(started.redirectUrl, 302)
      } catch (error) {
        if (error instanceof SsoRefusal) return sendToSignIn(reply, config, error)
        throw error
      }
    },
  )

  // The identity provider's answer is a form the browser posts (HTTP-POST binding): parsed in this scope only.
  api.register(async (scope) => {
    const acs = scope.withTypeProvider<ZodTypeProvider>()
    acs.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: SAML_ACS_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    )
    acs.post(
      '/auth/saml/acs',
      {
        schema: {
          tags: ['sso'],
          summary:
            'SAML assertion consumer service (HTTP-POST binding): checks the signed assertion, then redirects to /api/auth/saml/finish (where the starting browser gets its session), or to /sign-in?sso_error=<code>',
          body: SamlAcsBodySchema,
          response: { 303: SsoRedirectSchema, ...publicErrorResponses(429) },
        },
        // The provider's page posts it: no session, no CSRF token; the signed assertion is the credential.
        config: { ...flowRouteConfig, csrf: false },
      },
      async (request, reply) => {
        const userAgent = request.headers['user-agent']
        try {
          const accepted = await completeSamlSignIn(
            db,
            config,
            request.body,
            {
              ip: request.ip,
              userAgent: typeof userAgent === 'string' ? userAgent : '',
              previousToken: undefined,
            },
            clock.now(),
          )
          return reply.redirect(`${SAML_FINISH_PATH}?request=${encodeURIComponent(accepted.requestId)}`, 303)
        } catch (error) {
          if (error instanceof SsoRefusal) {
            metrics.recordSignIn('failure')
            return sendToSignIn(reply, config, error)
          }
          throw error
        }
      },
    )
  })

  api.get(
    '/auth/saml/finish',
    {
      schema: {
        tags: ['sso'],
        summary:
          "The browser's return from the SAML assertion consumer service: the browser that started the sign-in (its cookie) gets its session and goes to the app, any other to /sign-in?sso_error=sso_state_invalid",
        querystring: SamlFinishQuerySchema,
        response: { 303: SsoRedirectSchema, ...publicErrorResponses(429) },
      },
      config: flowRouteConfig,
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent']
      try {
        const started = await finishSamlSignIn(
          db,
          config,
          request.query.request,
          request.cookies[SAML_BROWSER_COOKIE],
          {
            ip: request.ip,
            userAgent: typeof userAgent === 'string' ? userAgent : '',
            previousToken: request.cookies[SESSION_COOKIE],
          },
          clock.now(),
        )
        metrics.recordSignIn('success')
        reply.clearCookie(SAML_BROWSER_COOKIE, samlCookieOptions(config))
        setSessionCookie(reply, config, started.token)
        return reply.redirect('/', 303)
      } catch (error) {
        if (error instanceof SsoRefusal) {
          metrics.recordSignIn('failure')
          reply.clearCookie(SAML_BROWSER_COOKIE, samlCookieOptions(config))
          return sendToSignIn(reply, config, error)
        }
        throw error
      }
    },
  )
}
