import { OutboxEmailParamsSchema, OutboxEmailSchema, OutboxPageSchema, OutboxQuerySchema } from '#contracts/outbox.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { getOutboxEmail, listOutbox, mailModeOf } from './outbox.service.ts'

/**
 * The organization's outgoing mail: the development mail catcher when no SMTP server is configured
 * (bodies an admin may read), delivery metadata only with one.
 */
export const registerOutboxRoutes: ApiModule = (api, { db, config }) => {
  const mode = mailModeOf(config.smtpUrl)
  api.get(
    '/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary:
          "The organization's emails, newest first (admin): metadata only with SMTP; without it, bodies except another person's password-reset link",
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listOutbox(db, mode, viewerOf(request), request.query),
  )

  api.get(
    '/outbox/:id',
    {
      schema: {
        tags: ['outbox'],
        summary: 'One email of the organization (admin)',
        params: OutboxEmailParamsSchema,
        response: { 200: OutboxEmailSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getOutboxEmail(db, mode, viewerOf(request), request.params.id),
  )
}
