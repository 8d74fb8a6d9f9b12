import { ErrorResponseSchema } from '#contracts/errors.ts'
import { JobListQuerySchema, JobListSchema, JobParamsSchema, JobSchema } from '#contracts/jobs.ts'
import type { ApiModule } from '#server/app.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { listOrganizationJobs, retryOrganizationJob } from './jobs.service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema }

/** Admins see their organization's background jobs (emails, matching runs) and retry failed ones. */
export const registerJobRoutes: ApiModule = (api, { db, jobs }) => {
  api.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary:
          "The organization's background jobs in one state (failed, retry, active, completed), newest first (admin)",
        querystring: JobListQuerySchema,
        response: { 200: JobListSchema, ...errors },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listOrganizationJobs(db, jobs, viewerOf(request), request.query),
  )

  api.post(
    '/admin/jobs/:jobId/retry',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Put a failed job back in its queue (admin); 409 when it is not failed',
        params: JobParamsSchema,
        response: { 200: JobSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => retryOrganizationJob(db, jobs, viewerOf(request), request.params.jobId),
  )
}
