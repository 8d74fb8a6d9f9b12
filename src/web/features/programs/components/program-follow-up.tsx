import { useState } from 'react'
import type { FeedbackSummary } from '#contracts/feedback.ts'
import type { ManagedRepairRequest } from '#contracts/fit-and-exits.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate, plural } from '#web/lib/format.ts'
import { useFeedbackSummary } from '../api/use-feedback-summary.ts'
import { useRepairRequests } from '../api/use-repair-requests.ts'
import { useResolveRepairRequest } from '../api/use-resolve-repair-request.ts'

const statusWords = { open: 'Open', resolved: 'Handled', withdrawn: 'Withdrawn' } as const
const statusTones = { open: 'warning', resolved: 'success', withdrawn: 'neutral' } as const
const RATINGS = [
  ['listening', 'Listening'],
  ['questions', 'Questions'],
  ['helpfulness', 'Helpfulness'],
] as const

/** What a program manager follows up on: members who asked for a new partner, and how feedback is rated. */
export function ProgramFollowUp({ program }: { program: ProgramView }) {
  return (
    <div className="stack">
      <RepairRequestsCard programId={program.id} />
      <FeedbackRatingsCard programId={program.id} />
    </div>
  )
}

function RepairRequestsCard({ programId }: { programId: string }) {
  const [isAll, setIsAll] = useState(false)
  const requests = useRepairRequests(programId, isAll ? 'all' : 'open')
  const resolve = useResolveRepairRequest(programId)
  const [toResolve, setToResolve] = useState<ManagedRepairRequest | null>(null)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  return (
    <Card title="Re-pair requests" labelledBy="repair-requests-heading">
      <p className="muted" style={{ margin: 0 }}>
        Members who asked for a new partner, with their reason: each member addressed it to the program managers and was
        told you read it with their name. Admins read it too; their partner is never told.
      </p>
      <Checkbox
        label="Show handled and withdrawn requests"
        checked={isAll}
        onChange={(e) => setIsAll(e.target.checked)}
      />
      <div role="status" aria-live="polite">
        {announcement ? (
          <Alert tone="success" isLive={false}>
            {announcement}
          </Alert>
        ) : null}
      </div>
      {requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => requests.refetch()} />
      ) : !requests.data ? (
        <SkeletonRows rows={3} label="Loading re-pair requests…" />
      ) : requests.data.requests.length === 0 ? (
        <EmptyState title={isAll ? 'No re-pair requests' : 'No open re-pair requests'} headingLevel={3}>
          <p>When a member asks to be re-paired, their request and reason appear here.</p>
        </EmptyState>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Re-pair requests">
          {requests.data.requests.map((request) => (
            <RepairRequestItem key={request.id} request={request} onResolve={() => setToResolve(request)} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        isOpen={toResolve !== null}
        title="Mark this request handled?"
        confirmLabel="Mark handled"
        isPending={resolve.isPending}
        error={resolve.isError ? errorMessage(resolve.error) : null}
        onClose={() => {
          setToResolve(null)
          resolve.reset()
        }}
        onConfirm={async () => {
          if (!toResolve) return
          try {
            await resolve.mutateAsync(toResolve.id)
            setAnnouncement(`${toResolve.requester.name}'s request is marked handled; they have been told.`)
            setToResolve(null)
          } catch {
            // shown in the dialog
          }
        }}
      >
        {toResolve
          ? `${toResolve.requester.name} is told that you handled their request. Re-pair them (or follow up) first.`
          : null}
      </ConfirmDialog>
    </Card>
  )
}

function RepairRequestItem({ request, onResolve }: { request: ManagedRepairRequest; onResolve: () => void }) {
  const partners = request.members.filter((m) => m.personId !== request.requester.personId).map((m) => m.name)
  const headingId = `repair-request-${request.id}`
  return (
    <li>
      <article className="card stack" style={{ gap: 8 }} aria-labelledby={headingId}>
        <div className="row" style={{ gap: 8, justifyContent: 'space-between' }}>
          <h3 id={headingId} className="subheading" style={{ margin: 0 }}>
            {request.requester.name}
            {partners.length > 0 ? <span className="muted"> · matched with {partners.join(', ')}</span> : null}
          </h3>
          <Badge tone={statusTones[request.status]}>{statusWords[request.status]}</Badge>
        </div>
        <p className="muted" style={{ margin: 0 }}>
          Asked on {formatDate(request.createdAt)}
          {request.resolvedAt
            ? ` · ${request.status === 'withdrawn' ? 'withdrawn' : 'handled'} on ${formatDate(request.resolvedAt)}`
            : ''}
          {request.resolvedBy ? ` by ${request.resolvedBy.name}` : ''}
        </p>
        {request.resolutionNote ? (
          <p className="muted" style={{ margin: 0 }}>
            {request.resolutionNote}
          </p>
        ) : null}
        <figure style={{ margin: 0 }}>
          <figcaption className="visually-hidden">Reason</figcaption>
          <blockquote style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{request.reason}</blockquote>
        </figure>
        {request.status === 'open' ? (
          <div>
            <Button variant="secondary" size="small" onClick={onResolve}>
              Mark handled<span className="visually-hidden"> for {request.requester.name}</span>
            </Button>
          </div>
        ) : null}
      </article>
    </li>
  )
}

function FeedbackRatingsCard({ programId }: { programId: string }) {
  const summary = useFeedbackSummary(programId)
  return (
    <Card title="Feedback ratings" labelledBy="feedback-ratings-heading">
      <p className="muted" style={{ margin: 0 }}>
        How members rate the feedback they receive after sessions, 1 to 5: averages only, never anyone's words or name.
      </p>
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : !summary.data ? (
        <SkeletonRows rows={3} label="Loading feedback ratings…" />
      ) : (
        <FeedbackRatings summary={summary.data} />
      )}
    </Card>
  )
}

function FeedbackRatings({ summary }: { summary: FeedbackSummary }) {
  const counts = `${plural(summary.feedbackCount, 'feedback form', 'feedback forms')} from ${plural(summary.giverCount, 'person', 'people')}`
  if (summary.isHidden) {
    return (
      <Alert tone="info" title="Not enough feedback to show yet" isLive={false}>
        <p>{summary.hiddenReason}</p>
        <p className="muted">So far: {counts}.</p>
      </Alert>
    )
  }
  return (
    <div className="stack" style={{ gap: 8 }}>
      <dl className="counts">
        {RATINGS.map(([key, label]) => {
          const value = summary.averages[key]
          return (
            <div key={key} className="count">
              <dt>{label}</dt>
              <dd>{value === null ? 'No ratings' : `${value.toFixed(1)} of 5`}</dd>
            </div>
          )
        })}
      </dl>
      <p className="muted" style={{ margin: 0 }}>
        From {counts}.
      </p>
    </div>
  )
}
