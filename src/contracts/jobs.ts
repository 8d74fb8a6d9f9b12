import { z } from 'zod'

/** created: waiting; retry: failed and waiting for its next attempt; failed: every attempt failed. */
export const JobStateSchema = z.enum(['created', 'retry', 'active', 'completed', 'failed', 'cancelled'])
export type JobState = z.infer<typeof JobStateSchema>

export const JobListQuerySchema = z.strictObject({
  state: z
    .enum(['failed', 'retry', 'active', 'completed'], 'must be failed, retry, active or completed')
    .default('failed'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
})
export type JobListQuery = z.infer<typeof JobListQuerySchema>

export const JobParamsSchema = z.object({ jobId: z.uuid('is not a valid job id') })

export const JobSchema = z.object({
  id: z.uuid(),
  queue: z.string(),
  state: JobStateSchema,
  /** What the job does, in words. */
  description: z.string().nullable(),
  /** Attempts made so far, and how many it may make in all. */
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** For a job waiting to be retried: when its next attempt is due. */
  nextAttemptAt: z.iso.datetime().nullable(),
})
export type Job = z.infer<typeof JobSchema>

export const JobListSchema = z.object({ jobs: z.array(JobSchema) })
export type JobList = z.infer<typeof JobListSchema>
