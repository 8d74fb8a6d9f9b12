import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { CreatedScimTokenSchema, SCIM_BASE_PATH, ScimSettingsSchema } from '#contracts/scim.ts'
import type { ApiModule, App, AppContext } from '#server/app.ts'
import { isDatabaseUnavailable, isStatementTimeout } from '#server/db/database-errors.ts'
import { AppError } from '#server/http/app-error.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import {
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  getScimGroup,
  getScimUser,
  listScimGroups,
  listScimUsers,
  patchScimGroup,
  patchScimUser,
  replaceScimGroup,
  replaceScimUser,
  type ScimContext,
} from './scim.service.ts'
import {
  type ListQuery,
  listResponse,
  parseListQuery,
  resourceTypes,
  SCIM_CONTENT_TYPE,
  ScimError,
  type ScimType,
  schemaDocuments,
  scimErrorBody,
  serviceProviderConfig,
} from './scim-protocol.ts'
import {
  authenticateScimToken,
  createScimToken,
  getScimSettings,
  revokeScimToken,
  type ScimClient,
  scimBaseUrl,
} from './scim-tokens.service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The identity provider holding the organization's SCIM token (routes under /scim/v2 only). */
    scimClient: ScimClient | null
  }
}

/** Providers send bursts (an initial sync, a group of thousands): counted per client address and route. */
const scimRouteConfig = { rateLimit: { max: 1200, timeWindow: '1 minute' } } as const

export function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType) {
  if (status === 503) reply.header('retry-after', '5')
  return reply
    .code(status)
    .type(`${SCIM_CONTENT_TYPE}; charset=utf-8`)
    .send(scimErrorBody(status, detail, scimType))
}

/** A service's refusal in SCIM's terms: a conflict is `uniqueness`, a bad value `invalidValue`. */
function toScimError(error: FastifyError): ScimError | null {
  if (error instanceof ScimError) return error
  if (error instanceof AppError) {
    if (error.status === 409) return new ScimError(409, error.message, 'uniqueness')
    if (error.status === 404) return new ScimError(404, error.message)
    if (error.status === 401 || error.status === 403) return new ScimError(error.status, error.message)
    return new ScimError(400, error.message, 'invalidValue')
  }
  if (isDatabaseUnavailable(error) || isStatementTimeout(error)) {
    return new ScimError(503, 'The database cannot be reached right now: retry in a few seconds')
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ScimError(415, `Send the body as ${SCIM_CONTENT_TYPE} or application/json`)
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return new ScimError(413, 'The request body is too large')
  }
  const status = error.statusCode ?? 500
  if (status === 429) return new ScimError(429, 'Too many requests: slow down and retry')
  if (status >= 400 && status < 500) {
    const isJson = error instanceof SyntaxError || /JSON|prototype|body/i.test(error.message)
    return new ScimError(400, isJson ? 'The body is not valid JSON' : 'The request is not valid', 'invalidSyntax')
  }
  return null
}

/** Router errors (an overlong id, a bad %-escape) under /scim/v2, in SCIM's error shape. */
export function sendScimFrameworkError(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return sendScimError(reply, 400, 'The address is not valid', 'invalidValue')
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}

const ifMatchOf = (request: FastifyRequest) =>
  typeof request.headers['if-match'] === 'string' ? request.headers['if-match'] : undefined

/**
 * SCIM 2.0 (RFC 7643/7644) at /scim/v2: Users, Groups and the discovery documents, authenticated by
 * the organization's SCIM token (never a session cookie), answering in SCIM's own error shape.
 */
export async function registerScimRoutes(app: App, { db, config, clock }: AppContext) {
  await app.register(
    async function scimRoutes(scim) {
      scim.decorateRequest('scimClient', null)
      // application/scim+json is JSON (RFC 7644 section 8.1); nothing else is read.
      scim.removeContentTypeParser('text/plain')
      scim.addContentTypeParser(SCIM_CONTENT_TYPE, { parseAs: 'string' }, scim.getDefaultJsonParser('error', 'error'))
      scim.setErrorHandler((error: FastifyError, request, reply) => {
        const known = toScimError(error)
        if (known) {
          if (known.status >= 500) request.log.warn({ err: error }, known.message)
          return sendScimError(reply, known.status, known.message, known.scimType)
        }
        request.log.error({ err: error }, 'unexpected error')
        return sendScimError(reply, 500, `Something went wrong on our side (request ${request.id})`)
      })
      scim.setNotFoundHandler((request, reply) =>
        sendScimError(reply, 404, `No SCIM endpoint ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`),
      )
      // Before the body is read: an unauthenticated caller learns nothing, not even whether its JSON parses.
      scim.addHook('onRequest', async (request) => {
        const token = bearerToken(request)
        const client = token ? await authenticateScimToken(db, token, request.ip, clock.now()) : null
        if (!client) throw new ScimError(401, 'A valid SCIM token is required (Authorization: Bearer <token>)')
        request.scimClient = client
      })
      scim.addHook('onSend', async (_request, reply, payload) => {
        const type = reply.getHeader('content-type')
        if (typeof type === 'string' && type.startsWith('application/json')) {
          reply.header('content-type', `${SCIM_CONTENT_TYPE}; charset=utf-8`)
        }
        return payload
      })

      const baseUrl = scimBaseUrl(config)
      const contextOf = (request: FastifyRequest): ScimContext => {
        if (!request.scimClient) throw new ScimError(401, 'A valid SCIM token is required')
        return { db, client: request.scimClient, baseUrl, now: clock.now() }
      }
      const route = { config: scimRouteConfig, schema: { hide: true } }
      const withVersion = (reply: FastifyReply, resource: Record<string, unknown>) => {
        const version = (resource.meta as { version?: string } | undefined)?.version
        if (version) reply.header('etag', version)
        return resource
      }
      type IdParams = { Params: { id: string } }

      scim.get('/ServiceProviderConfig', route, async () =>
        serviceProviderConfig(baseUrl, `${config.publicUrl}/docs/scim.md`),
      )
      scim.get('/ResourceTypes', route, async () => {
        const all = resourceTypes(baseUrl)
        return listResponse(all, all.length, 1)
      })
      scim.get<IdParams>('/ResourceTypes/:id', route, async (request) => {
        const found = resourceTypes(baseUrl).find((type) => type.id === request.params.id)
        if (!found) throw new ScimError(404, 'No such resource type')
        return found
      })
      scim.get('/Schemas', route, async () => {
        const all = schemaDocuments(baseUrl)
        return listResponse(all, all.length, 1)
      })
      scim.get<IdParams>('/Schemas/:id', route, async (request) => {
        const found = schemaDocuments(baseUrl).find((schema) => schema.id === request.params.id)
        if (!found) throw new ScimError(404, 'No such schema')
        return found
      })

      /** The same six routes for each resource type: list, create, read, replace, patch, delete. */
      type Resource = Record<string, unknown> & { meta: { location: string } }
      interface ResourceHandlers {
        list: (context: ScimContext, query: ListQuery) => Promise<unknown>
        create: (context: ScimContext, body: unknown) => Promise<Resource>
        get: (context: ScimContext, id: string, query: ListQuery) => Promise<Resource>
        replace: (context: ScimContext, id: string, body: unknown, ifMatch?: string) => Promise<Resource>
        patch: (context: ScimContext, id: string, body: unknown, ifMatch?: string) => Promise<Resource>
        remove: (context: ScimContext, id: string, ifMatch?: string) => Promise<void>
      }
      const registerResource = (path: string, handlers: ResourceHandlers) => {
        scim.get(path, route, async (request) => handlers.list(contextOf(request), parseListQuery(request.query)))
        scim.post(path, route, async (request, reply) => {
          const created = await handlers.create(contextOf(request), request.body)
          reply.header('location', created.meta.location)
          return reply.code(201).send(withVersion(reply, created))
        })
        scim.get<IdParams>(`${path}/:id`, route, async (request, reply) =>
          withVersion(reply, await handlers.get(contextOf(request), request.params.id, parseListQuery(request.query))),
        )
        for (const [method, write] of [
          ['PUT', handlers.replace],
          ['PATCH', handlers.patch],
        ] as const) {
          scim.route<IdParams>({
            method,
            url: `${path}/:id`,
            ...route,
            handler: async (request, reply) =>
              withVersion(reply, await write(contextOf(request), request.params.id, request.body, ifMatchOf(request))),
          })
        }
        scim.delete<IdParams>(`${path}/:id`, route, async (request, reply) => {
          await handlers.remove(contextOf(request), request.params.id, ifMatchOf(request))
          return reply.code(204).send()
        })
      }
      registerResource('/Users', {
        list: listScimUsers,
        create: createScimUser,
        get: (context, id) => getScimUser(context, id),
        replace: replaceScimUser,
        patch: patchScimUser,
        remove: deleteScimUser,
      })
      registerResource('/Groups', {
        list: listScimGroups,
        create: createScimGroup,
        get: (context, id, query) => getScimGroup(context, id, query.isMembersExcluded),
        replace: replaceScimGroup,
        patch: patchScimGroup,
        remove: deleteScimGroup,
      })
    },
    { prefix: SCIM_BASE_PATH },
  )
}

/** The admin's side: the SCIM base URL and the organization's token (created, rotated, revoked). */
export const registerScimAdminRoutes: ApiModule = (api, { db, config, clock }) => {
  api.get(
    '/organization/scim',
    {
      schema: {
        tags: ['scim'],
        summary:
          'SCIM provisioning: the base URL for the identity provider and the live token, never its secret (admin)',
        response: { 200: ScimSettingsSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getScimSettings(db, config, viewerOf(request)),
  )
  api.post(
    '/organization/scim/token',
    {
      schema: {
        tags: ['scim'],
        summary:
          'Create (or rotate) the SCIM token: its secret is in this answer only; a token it replaces stops working at once (admin)',
        response: { 201: CreatedScimTokenSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => reply.code(201).send(await createScimToken(db, config, viewerOf(request), clock.now())),
  )
  api.delete(
    '/organization/scim/token',
    {
      schema: {
        tags: ['scim'],
        summary: 'Revoke the SCIM token: provisioning stops until a new one is created (admin)',
        response: { 200: ScimSettingsSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => revokeScimToken(db, config, viewerOf(request), clock.now()),
  )
}
