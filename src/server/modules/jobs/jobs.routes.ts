import { JobListQuerySchema, JobListSchema, JobParamsSchema, JobSchema } from '#contracts/jobs.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import { listOrganizationJobs, retryOrganizationJob } from './jobs.service.ts'

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
        response: { 200: JobListSchema, ...errorResponses() },
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
        response: { 200: JobSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => retryOrganizationJob(db, jobs, viewerOf(request), request.params.jobId),
  )
}
