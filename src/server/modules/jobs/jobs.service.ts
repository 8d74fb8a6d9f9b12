import type { Job, JobList, JobListQuery } from '#contracts/jobs.ts'
import type { Db } from '#server/db/connect.ts'
import { toIso } from '#server/db/to-iso.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { JobRunner } from '#server/jobs/job-runner.ts'
import { findJob, type JobRow, listJobs } from './jobs.repository.ts'

export function toJob(row: JobRow): Job {
  const hasStarted = row.state !== 'created'
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    description: row.description,
    attempts: hasStarted ? row.retry_count + 1 : 0,
    maxAttempts: row.retry_limit + 1,
    lastError: row.state === 'completed' ? null : row.error,
    createdAt: row.created_on.toISOString(),
    startedAt: toIso(row.started_on),
    finishedAt: toIso(row.completed_on),
    nextAttemptAt: row.state === 'retry' ? row.start_after.toISOString() : null,
  }
}

/** The organization's background jobs in one state, newest first (admins; other organizations' jobs never show). */
export async function listOrganizationJobs(
  db: Db,
  jobs: JobRunner,
  viewer: Viewer,
  query: JobListQuery,
): Promise<JobList> {
  const rows = await listJobs(db, viewer.organizationId, jobs.queues(), query.state, query.limit)
  return { jobs: rows.map(toJob) }
}

/** Puts a failed job of the organization back in its queue; another organization's job is not found. */
export async function retryOrganizationJob(db: Db, jobs: JobRunner, viewer: Viewer, jobId: string): Promise<Job> {
  const row = await findJob(db, viewer.organizationId, jobs.queues(), jobId)
  if (!row) throw notFound('Job')
  if (row.state !== 'failed' || !(await jobs.retry(row.name, row.id))) {
    throw new AppError('job_not_retryable', `Only a failed job can be retried; this one is ${row.state}`)
  }
  const retried = await findJob(db, viewer.organizationId, jobs.queues(), jobId)
  return toJob(retried ?? row)
}
