import { z } from 'zod'
import {
  DataExportBodySchema,
  DataRetentionSchema,
  ErasePersonBodySchema,
  ErasureResultSchema,
  UpdateDataRetentionBodySchema,
} from '#contracts/data-rights.ts'
import { PersonParamsSchema } from '#contracts/people.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  changeDataRetention,
  type DataExportFile,
  erasePerson,
  exportMyData,
  exportPersonData,
  getDataRetention,
  purgeExpiredPrivateContent,
  RETENTION_QUEUE,
  type RetentionPurgeJob,
} from './data-rights.service.ts'

/** Every day at 03:00 UTC: private reflections and check-in notes past the organization's retention. */
export const RETENTION_CRON = '0 3 * * *'

const ZipSchema = z.any().describe('A zip archive: tandem-data.json and tandem-data.html')

/** Data rights (GDPR articles 15, 17 and 20): personal-data export, erasure, and the retention sweep. */
export const registerDataRightsRoutes: ApiModule = (api, { db, mailer, config, jobs, clock }) => {
  const deps = { mailer, publicUrl: config.publicUrl }
  const sendZip = (
    reply: { header(k: string, v: string): unknown; type(t: string): unknown },
    file: DataExportFile,
  ) => {
    reply.type('application/zip')
    reply.header('content-disposition', `attachment; filename="${file.filename}"`)
    reply.header('cache-control', 'no-store')
    return Buffer.from(file.zip)
  }

  api.post(
    '/me/data-export',
    {
      schema: {
        tags: ['data-rights'],
        summary: 'Download everything Tandem holds about me: a zip with a JSON file and a readable page (audited)',
        body: DataExportBodySchema,
        produces: ['application/zip'],
        response: { 200: ZipSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => reply.send(sendZip(reply, await exportMyData(db, viewerOf(request), clock.now()))),
  )

  api.post(
    '/people/:personId/data-export',
    {
      schema: {
        tags: ['data-rights'],
        summary: "Produce a person's data export on their request (admin; audited, and the person is told)",
        params: PersonParamsSchema,
        body: DataExportBodySchema,
        produces: ['application/zip'],
        response: { 200: ZipSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) =>
      reply.send(
        sendZip(reply, await exportPersonData(db, deps, viewerOf(request), request.params.personId, clock.now())),
      ),
  )

  api.post(
    '/people/:personId/erase',
    {
      schema: {
        tags: ['data-rights'],
        summary:
          'Erase a person for good after typing their name: personal data and words removed, "Former member" kept for partners and figures (admin)',
        params: PersonParamsSchema,
        body: ErasePersonBodySchema,
        response: { 200: ErasureResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => erasePerson(db, viewerOf(request), request.params.personId, request.body, clock.now()),
  )

  api.get(
    '/organization/data-retention',
    {
      schema: {
        tags: ['data-rights'],
        summary: 'How long private reflections and check-in notes are kept after a match ends (admin)',
        response: { 200: DataRetentionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getDataRetention(db, viewerOf(request)),
  )

  api.put(
    '/organization/data-retention',
    {
      schema: {
        tags: ['data-rights'],
        summary: 'Set, or turn off with null, the months private reflections and check-in notes are kept (admin)',
        body: UpdateDataRetentionBodySchema,
        response: { 200: DataRetentionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => changeDataRetention(db, viewerOf(request), request.body),
  )

  jobs.define<RetentionPurgeJob>({
    queue: RETENTION_QUEUE,
    settings: { policy: 'short', retryLimit: 3, retryDelay: 300, retryBackoff: true },
    concurrency: 1,
    schedule: {
      cron: RETENTION_CRON,
      timeZone: 'UTC',
      description: 'Deletes private reflections and check-in notes past the retention period',
    },
    handler: async (data) => {
      await purgeExpiredPrivateContent(db, data.at ? new Date(data.at) : clock.now())
    },
  })
}
