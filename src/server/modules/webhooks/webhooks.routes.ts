import { z } from 'zod'
import {
  CreateWebhookEndpointBodySchema,
  UpdateWebhookEndpointBodySchema,
  WebhookDeliveryListSchema,
  WebhookDeliveryParamsSchema,
  WebhookEndpointListSchema,
  WebhookEndpointParamsSchema,
  WebhookEndpointSchema,
  WebhookSecretSchema,
} from '#contracts/webhooks.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { sealStoredSecretsAtStart } from '#server/secrets/seal-at-start.ts'
import {
  bindWebhookJobs,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliverWebhook,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
  sealStoredWebhookSecrets,
  updateWebhookEndpoint,
  WEBHOOK_QUEUE,
  WEBHOOK_QUEUE_SETTINGS,
  type WebhookJobData,
} from './webhooks.service.ts'

const NoContentSchema = z.null().describe('No content')

/** Admins register webhook endpoints, read their delivery log and send a delivery again (decision 044). */
export const registerWebhookRoutes: ApiModule = (api, { db, jobs, clock, config, secrets }) => {
  const deps = { allowPrivateAddresses: config.webhooks.allowPrivateAddresses, secrets }
  sealStoredSecretsAtStart(api, 'webhook secrets', () => sealStoredWebhookSecrets(db, secrets))
  jobs.define<WebhookJobData>({
    queue: WEBHOOK_QUEUE,
    settings: WEBHOOK_QUEUE_SETTINGS,
    concurrency: 4,
    handler: (data, job) => deliverWebhook(db, { now: () => clock.now(), ...deps }, data, job),
  })
  const unbind = bindWebhookJobs(db, jobs)
  api.addHook('onClose', async () => unbind())

  api.get(
    '/admin/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: "The organization's webhook endpoints (admin)",
        response: { 200: WebhookEndpointListSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listWebhookEndpoints(db, viewerOf(request)),
  )

  api.post(
    '/admin/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook endpoint with a new signing secret (admin)',
        body: CreateWebhookEndpointBodySchema,
        response: { 201: WebhookEndpointSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) =>
      reply.code(201).send(await createWebhookEndpoint(db, deps, viewerOf(request), request.body, clock.now())),
  )

  api.patch(
    '/admin/webhooks/:endpointId',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Change a webhook endpoint's address, description, events or whether it is on (admin)",
        params: WebhookEndpointParamsSchema,
        body: UpdateWebhookEndpointBodySchema,
        response: { 200: WebhookEndpointSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) =>
      updateWebhookEndpoint(db, deps, viewerOf(request), request.params.endpointId, request.body, clock.now()),
  )

  api.delete(
    '/admin/webhooks/:endpointId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook endpoint and its delivery log (admin)',
        params: WebhookEndpointParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(db, viewerOf(request), request.params.endpointId)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/admin/webhooks/:endpointId/secret/reveal',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Show the endpoint's signing secret (admin; audited)",
        params: WebhookEndpointParamsSchema,
        response: { 200: WebhookSecretSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => revealWebhookSecret(db, secrets, viewerOf(request), request.params.endpointId),
  )

  api.post(
    '/admin/webhooks/:endpointId/secret/rotate',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Replace the signing secret at once and answer the new one (admin; audited)',
        params: WebhookEndpointParamsSchema,
        response: { 200: WebhookSecretSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => rotateWebhookSecret(db, secrets, viewerOf(request), request.params.endpointId, clock.now()),
  )

  api.get(
    '/admin/webhooks/:endpointId/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "The endpoint's latest deliveries with every attempt (status code, duration, error) (admin)",
        params: WebhookEndpointParamsSchema,
        response: { 200: WebhookDeliveryListSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listWebhookDeliveries(db, viewerOf(request), request.params.endpointId),
  )

  api.post(
    '/admin/webhooks/:endpointId/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again with the same webhook-id (admin); 409 when the endpoint is off',
        params: WebhookDeliveryParamsSchema,
        response: { 202: NoContentSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      const { endpointId, deliveryId } = request.params
      await redeliverWebhook(db, jobs, viewerOf(request), endpointId, deliveryId, clock.now())
      return reply.code(202).send(null)
    },
  )
}
