import { Link } from '@tanstack/react-router'
import type { SystemStatus } from '#contracts/system.ts'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime, formatNumber } from '#web/lib/format.ts'
import { useSystemStatus } from '../api/use-system-status.ts'

const runWords: Record<SystemStatus['matchingRuns'][number]['status'], { label: string; tone: BadgeTone }> = {
  queued: { label: 'Waiting', tone: 'neutral' },
  running: { label: 'Running', tone: 'primary' },
  succeeded: { label: 'Finished', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
}

/** A span of seconds in the largest units that matter: "3 d 4 h", "12 min", "40 s". */
function spanText(seconds: number): string {
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  if (days > 0) return `${days} d ${hours} h`
  if (hours > 0) return `${hours} h ${minutes} min`
  if (minutes > 0) return `${minutes} min`
  return `${Math.floor(seconds)} s`
}

function sizeText(bytes: number | null): string {
  if (bytes === null) return 'Unknown'
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

/**
 * Administration > System (issue #16): how this Tandem runs, for the admin who looks after it:
 * version and uptime, the database, the job queues, the instances, and the organization's emails
 * and matching runs. Counts and times only.
 */
export function SystemPage() {
  const status = useSystemStatus()
  return (
    <div className="page">
      <PageHeader
        title="System"
        description="How this Tandem is running: refreshed every 15 seconds. Operators can scrape the same figures from /metrics."
      />
      {status.isError && !status.data ? (
        <ErrorState
          error={status.error}
          onRetry={() => status.refetch()}
          title="The system status could not be loaded"
        />
      ) : !status.data ? (
        <Card>
          <SkeletonRows rows={8} label="Loading the system status…" />
        </Card>
      ) : (
        <SystemStatusView data={status.data} />
      )}
    </div>
  )
}

function SystemStatusView({ data }: { data: SystemStatus }) {
  const stuck = data.queues.filter((queue) => queue.oldestWaitingSeconds >= 300)
  return (
    <div className="stack-lg">
      <Card title="This instance" labelledBy="system-instance-heading">
        <dl className="detail-list">
          <div>
            <dt>Version</dt>
            <dd>
              Tandem {data.version} on Node.js {data.nodeVersion}
            </dd>
          </div>
          <div>
            <dt>Running for</dt>
            <dd>
              {spanText(data.uptimeSeconds)} (since {formatDateTime(data.startedAt)})
            </dd>
          </div>
          <div>
            <dt>Database</dt>
            <dd>
              {data.database.kind === 'postgresql' ? 'PostgreSQL' : 'Embedded (PGlite, in the data directory)'},{' '}
              {sizeText(data.database.sizeBytes)}
            </dd>
          </div>
          <div>
            <dt>Migrations applied</dt>
            <dd>
              {formatNumber(data.database.migrationsApplied)}
              {data.database.latestMigration ? `, the latest ${data.database.latestMigration}` : ''}
            </dd>
          </div>
        </dl>
      </Card>

      <Card title="Job queues" labelledBy="system-queues-heading">
        {stuck.length > 0 ? (
          <p role="status" style={{ margin: 0 }}>
            <Badge tone="warning">Waiting long</Badge> A job has waited over 5 minutes in{' '}
            {stuck.map((queue) => queue.queue).join(', ')}: check that a job worker runs.
          </p>
        ) : null}
        {data.queues.length === 0 ? (
          <p style={{ margin: 0 }}>No job queue yet.</p>
        ) : (
          <Table caption="Jobs by queue and state">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Waiting</th>
                <th scope="col">Later</th>
                <th scope="col">Retrying</th>
                <th scope="col">Running</th>
                <th scope="col">Failed</th>
                <th scope="col">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {data.queues.map((queue) => (
                <tr key={queue.queue}>
                  <th scope="row">{queue.queue}</th>
                  <td>{formatNumber(queue.waiting)}</td>
                  <td>{formatNumber(queue.deferred)}</td>
                  <td>{formatNumber(queue.retry)}</td>
                  <td>{formatNumber(queue.active)}</td>
                  <td>{formatNumber(queue.failed)}</td>
                  <td>{queue.waiting > 0 ? spanText(queue.oldestWaitingSeconds) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="muted" style={{ margin: 0 }}>
          Failed jobs of your organization, with their errors, are under <Link to="/admin/jobs">Background jobs</Link>.
        </p>
      </Card>

      <div className="program-grid">
        <Card title="Emails in the last 24 hours" labelledBy="system-emails-heading">
          <dl className="counts">
            <div className="count">
              <dt>Sent</dt>
              <dd>{formatNumber(data.emailsLast24Hours.sent)}</dd>
            </div>
            <div className="count">
              <dt>Waiting to send</dt>
              <dd>{formatNumber(data.emailsLast24Hours.queued)}</dd>
            </div>
            <div className="count">
              <dt>Failed</dt>
              <dd>{formatNumber(data.emailsLast24Hours.failed)}</dd>
            </div>
          </dl>
          <p className="muted" style={{ margin: 0 }}>
            Your organization's emails; read them in the <Link to="/outbox">Outbox</Link>.
          </p>
        </Card>

        <Card title="Instances" labelledBy="system-instances-heading">
          <Table caption="Running instances">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Version</th>
                <th scope="col">Works jobs</th>
                <th scope="col">Last heartbeat</th>
              </tr>
            </thead>
            <tbody>
              {data.instances.map((instance) => (
                <tr key={instance.id}>
                  <th scope="row">
                    {instance.hostname} (process {instance.pid}){' '}
                    {instance.isCurrent ? <Badge tone="neutral">This one</Badge> : null}
                  </th>
                  <td>{instance.version}</td>
                  <td>{instance.isJobWorker ? 'Yes' : 'No'}</td>
                  <td>{formatDateTime(instance.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>

      <Card title="Latest matching runs" labelledBy="system-runs-heading">
        {data.matchingRuns.length === 0 ? (
          <p style={{ margin: 0 }}>No matching run yet in your organization.</p>
        ) : (
          <Table caption="Latest matching runs">
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {data.matchingRuns.map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <Link to="/programs/$programId" params={{ programId: run.programId }} search={{ tab: 'matching' }}>
                      {run.programName}
                    </Link>
                  </th>
                  <td>{run.runNumber}</td>
                  <td>
                    <Badge tone={runWords[run.status].tone}>{runWords[run.status].label}</Badge>
                  </td>
                  <td>{run.startedAt ? formatDateTime(run.startedAt) : 'Not yet'}</td>
                  <td>{run.durationSeconds === null ? '–' : `${run.durationSeconds.toFixed(1)} s`}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  )
}
