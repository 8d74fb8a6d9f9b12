import {
  ApiTokenListSchema,
  ApiTokenParamsSchema,
  ApiTokenSchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
} from '#contracts/api-tokens.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { createApiToken, listOrganizationApiTokens, revokeApiToken } from './api-tokens.service.ts'

/** Organization API tokens for integrations (decision 043): admins create, list and revoke them. */
export const registerApiTokenRoutes: ApiModule = (api, { db, clock }) => {
  api.get(
    '/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: "The organization's API tokens, revoked and expired ones included; never a secret (admin)",
        response: { 200: ApiTokenListSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listOrganizationApiTokens(db, viewerOf(request), clock.now()),
  )

  api.post(
    '/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token with scopes and an optional expiry; its secret is in this answer only (admin)',
        body: CreateApiTokenBodySchema,
        response: { 201: CreatedApiTokenSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken(db, viewerOf(request), request.body, clock.now())),
  )

  api.post(
    '/api-tokens/:tokenId/revoke',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Revoke an API token: it stops working at once (admin)',
        params: ApiTokenParamsSchema,
        response: { 200: ApiTokenSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => revokeApiToken(db, viewerOf(request), request.params.tokenId, clock.now()),
  )
}
