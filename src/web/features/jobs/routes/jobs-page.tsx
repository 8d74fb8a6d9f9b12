import { useState } from 'react'
import type { Job, JobListQuery } from '#contracts/jobs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { Tabs } from '#web/components/ui/tabs.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useJobs } from '../api/use-jobs.ts'
import { useRetryJob } from '../api/use-retry-job.ts'

type State = JobListQuery['state']

const tabs: { id: State; label: string }[] = [
  { id: 'failed', label: 'Failed' },
  { id: 'retry', label: 'Retrying' },
  { id: 'active', label: 'Running' },
  { id: 'completed', label: 'Completed' },
]

const stateWords: Record<Job['state'], { label: string; tone: BadgeTone }> = {
  created: { label: 'Waiting', tone: 'neutral' },
  retry: { label: 'Retrying', tone: 'warning' },
  active: { label: 'Running', tone: 'primary' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
}

const queueWords: Record<string, string> = {
  'email-send': 'Email',
  'matching-run': 'Matching run',
  'matching-run-failed': 'Matching run (abandoned)',
  'password-reset': 'Password reset',
  'session-reminder': 'Session reminder',
  'session-ended': 'After-session notice',
  'insight-refresh': 'Dashboard figures',
  'insight-sweep': 'Dashboard figures (sweep)',
  'retention-purge': 'Retention purge',
  'daily-sweep': 'Daily sweep',
  'webhook-deliver': 'Webhook delivery',
}

const empty: Record<State, string> = {
  failed: 'No failed jobs. Jobs that fail every attempt appear here, with their last error.',
  retry: 'Nothing is waiting to be retried.',
  active: 'No job is running right now.',
  completed: 'No finished jobs yet (finished jobs are kept for a week).',
}

/** Background jobs of the organization (emails, matching runs): what failed, what retries, and a Retry action. */
export function JobsPage() {
  const [state, setState] = useState<State>('failed')
  const jobs = useJobs(state)
  const retry = useRetryJob()
  const [retried, setRetried] = useState<string | null>(null)

  return (
    <div className="page">
      <PageHeader
        title="Background jobs"
        description="Emails and matching runs run in the background and are retried when they fail, waiting longer each time. Jobs that failed every attempt can be retried here once the cause is fixed (for example the mail server settings)."
      />
      <Tabs label="Job state" tabs={tabs} selected={state} onSelect={setState} idPrefix="jobs">
        <div className="stack" aria-busy={jobs.isFetching || undefined}>
          {retried ? <Alert tone="success">The job is back in its queue: {retried}</Alert> : null}
          {retry.isError ? <Alert tone="error">{errorMessage(retry.error)}</Alert> : null}
          {jobs.isError && !jobs.data ? (
            <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />
          ) : !jobs.data ? (
            <Card isFlush>
              <SkeletonRows rows={4} label="Loading jobs…" />
            </Card>
          ) : jobs.data.jobs.length === 0 ? (
            <Card>
              <EmptyState title="No jobs here">
                <p>{empty[state]}</p>
              </EmptyState>
            </Card>
          ) : (
            <Table caption={`${tabs.find((tab) => tab.id === state)?.label} jobs`} isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Created</th>
                  <th scope="col">Finished</th>
                  {state === 'failed' ? <th scope="col">Action</th> : null}
                </tr>
              </thead>
              <tbody>
                {jobs.data.jobs.map((job) => (
                  <tr key={job.id}>
                    <th scope="row" style={{ fontWeight: 'normal' }}>
                      <strong>{queueWords[job.queue] ?? job.queue}</strong>
                      {job.description ? <div className="muted">{job.description}</div> : null}
                    </th>
                    <td className="cell-nowrap">
                      <Badge tone={stateWords[job.state].tone}>{stateWords[job.state].label}</Badge>
                      {job.nextAttemptAt ? <div className="muted">next {formatDateTime(job.nextAttemptAt)}</div> : null}
                    </td>
                    <td className="cell-nowrap">
                      {job.attempts} of {job.maxAttempts}
                    </td>
                    <td>{job.lastError ?? '—'}</td>
                    <td className="cell-nowrap">{formatDateTime(job.createdAt)}</td>
                    <td className="cell-nowrap">{job.finishedAt ? formatDateTime(job.finishedAt) : '—'}</td>
                    {state === 'failed' ? (
                      <td>
                        <Button
                          variant="secondary"
                          isLoading={retry.isPending && retry.variables === job.id}
                          aria-label={`Retry ${job.description ?? queueWords[job.queue] ?? job.queue}`}
                          onClick={() =>
                            retry.mutate(job.id, {
                              onSuccess: () => setRetried(job.description ?? queueWords[job.queue] ?? job.queue),
                            })
                          }
                        >
                          Retry
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      </Tabs>
    </div>
  )
}
