import { z } from 'zod'
import { AuditActorListSchema, AuditEventPageSchema, AuditEventQuerySchema } from '#contracts/audit.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { exportAuditLogCsv, listAuditLog, listAuditLogActors } from './audit.service.ts'

/** The organization's audit log: admins only. */
export const registerAuditRoutes: ApiModule = (api, { db }) => {
  api.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by actor, kind or action and days; keyset paging by id (admin)',
        querystring: AuditEventQuerySchema,
        response: { 200: AuditEventPageSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listAuditLog(db, viewerOf(request), request.query),
  )

  api.get(
    '/audit-events.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV, every page (admin)',
        querystring: AuditEventQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      const { filename, csv } = await exportAuditLogCsv(db, viewerOf(request), request.query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )

  api.get(
    '/audit-events/actors',
    {
      schema: {
        tags: ['audit'],
        summary: 'People who appear as actors in the audit log, for its filter (admin)',
        response: { 200: AuditActorListSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listAuditLogActors(db, viewerOf(request)),
  )
}
