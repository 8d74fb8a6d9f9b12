import { z } from 'zod'
import {
  ApplyPeopleImportBodySchema,
  ApplyPeopleImportResultSchema,
  CreatePeopleImportBodySchema,
  CsvTextSchema,
  MAX_IMPORT_CSV_LENGTH,
  PeopleImportParamsSchema,
  PeopleImportQuerySchema,
  PeopleImportSchema,
} from '#contracts/people-import.ts'
import type { App, AppContext } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import {
  applyPeopleImport,
  exportPeopleCsv,
  getPeopleCsvTemplate,
  getPeopleImport,
  previewPeopleImport,
} from './people-import.service.ts'

/** Upload (JSON { fileName, csv } or a raw text/csv body) -> preview -> apply; and export. */
export function registerPeopleImportRoutes(api: App, { db, clock, mailer, config }: AppContext) {
  if (!api.hasContentTypeParser('text/csv')) {
    api.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: MAX_IMPORT_CSV_LENGTH * 4 },
      (_request, body, done) => done(null, body),
    )
  }

  api.post(
    '/people/imports',
    {
      schema: {
        tags: ['people'],
        summary: 'Upload a CSV of people and get the preview: what each row would do, and its errors (admin)',
        querystring: PeopleImportQuerySchema,
        body: z.union([CreatePeopleImportBodySchema, CsvTextSchema]),
        response: { 201: PeopleImportSchema, ...errorResponses(404, 409, 413, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      const body =
        typeof request.body === 'string'
          ? { csv: request.body, fileName: request.query.fileName ?? 'people.csv' }
          : request.body
      return reply.code(201).send(await previewPeopleImport(db, viewerOf(request), body, clock.now()))
    },
  )

  api.get(
    '/people/imports/:importId',
    {
      schema: {
        tags: ['people'],
        summary: 'An uploaded import with its report (admin)',
        params: PeopleImportParamsSchema,
        response: { 200: PeopleImportSchema, ...errorResponses(404, 409, 413, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getPeopleImport(db, viewerOf(request), request.params.importId),
  )

  api.post(
    '/people/imports/:importId/apply',
    {
      schema: {
        tags: ['people'],
        summary:
          'Apply an import: every row in one transaction, or none; new people are sent their invitations unless sendInvitations is false (admin)',
        params: PeopleImportParamsSchema,
        body: ApplyPeopleImportBodySchema,
        response: { 200: ApplyPeopleImportResultSchema, ...errorResponses(404, 409, 413, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) =>
      applyPeopleImport(
        db,
        viewerOf(request),
        request.params.importId,
        clock.now(),
        (request.body?.sendInvitations ?? true) ? { invite: { mailer, config } } : {},
      ),
  )

  api.get(
    '/people/import-template.csv',
    {
      schema: {
        tags: ['people'],
        summary: 'A CSV template for the import: every column and an example row (admin)',
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(404, 409, 413, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="people-template.csv"')
        .send(await getPeopleCsvTemplate(db, viewerOf(request))),
  )

  api.get(
    '/people/export.csv',
    {
      schema: {
        tags: ['people'],
        summary: 'Everyone of the organization as CSV, in the import columns (admin)',
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(404, 409, 413, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      const csv = await exportPeopleCsv(db, viewerOf(request))
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="people-${clock.now().toISOString().slice(0, 10)}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )
}
