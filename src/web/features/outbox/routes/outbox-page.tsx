import { Link } from '@tanstack/react-router'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useOutbox } from '../api/use-outbox.ts'

/** Every email Tandem sent; without SMTP this is where invitations and reset links are read. */
export function OutboxPage() {
  const outbox = useOutbox()
  const emails = outbox.data?.pages.flatMap((page) => page.emails) ?? []

  return (
    <div className="page">
      <PageHeader
        title="Outbox"
        description="Emails Tandem has sent, newest first. Without an SMTP server configured, emails are kept here instead of being delivered: open one to follow its link."
      />
      <div aria-busy={outbox.isFetching || undefined}>
        {outbox.isError && !outbox.data ? (
          <ErrorState error={outbox.error} onRetry={() => outbox.refetch()} />
        ) : !outbox.data ? (
          <Card isFlush>
            <SkeletonRows rows={6} label="Loading emails…" />
          </Card>
        ) : emails.length === 0 ? (
          <Card>
            <EmptyState title="No emails yet">
              <p>Invitations and password reset emails will appear here as soon as Tandem sends them.</p>
            </EmptyState>
          </Card>
        ) : (
          <div className="stack">
            <Table caption="Emails" isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">To</th>
                  <th scope="col">Date</th>
                  <th scope="col">Delivery</th>
                </tr>
              </thead>
              <tbody>
                {emails.map((email) => (
                  <tr key={email.id}>
                    <th scope="row" style={{ fontWeight: 'normal' }}>
                      <Link to="/outbox/$emailId" params={{ emailId: email.id }} className="row-link">
                        {email.subject}
                      </Link>
                    </th>
                    <td>{email.to}</td>
                    <td className="cell-nowrap">{formatDateTime(email.createdAt)}</td>
                    <td className="cell-nowrap">
                      {email.error ? (
                        <Badge tone="danger">Failed</Badge>
                      ) : email.transport === 'smtp' && !email.sentAt ? (
                        <Badge tone="warning">Queued</Badge>
                      ) : email.transport === 'smtp' ? (
                        <Badge tone="success">Sent</Badge>
                      ) : (
                        <Badge tone="neutral">Kept in outbox</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {outbox.hasNextPage ? (
              <div>
                <Button
                  variant="secondary"
                  isLoading={outbox.isFetchingNextPage}
                  onClick={() => outbox.fetchNextPage()}
                >
                  Show older emails
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </div>
    </div>
  )
}
