import { Link } from '@tanstack/react-router'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useOutbox } from '../api/use-outbox.ts'
import { EmailStatusBadge, hiddenLabel, kindLabel, MailModeNote } from '../components/email-labels.tsx'

/** Every email Tandem sent: a delivery log with SMTP; without it the development mail catcher, where invitations are read. */
export function OutboxPage() {
  const outbox = useOutbox()
  const emails = outbox.data?.pages.flatMap((page) => page.emails) ?? []
  const mode = outbox.data?.pages[0]?.mode

  return (
    <div className="page">
      <PageHeader title="Outbox" description="Emails Tandem has sent, newest first." />
      {mode ? (
        <div style={{ marginBottom: 16 }}>
          <MailModeNote mode={mode} />
        </div>
      ) : null}
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
              <p>Invitations, sign-in resets and notifications will appear here as soon as Tandem sends them.</p>
            </EmptyState>
          </Card>
        ) : (
          <div className="stack">
            <Table caption="Emails" isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">To</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col">Content</th>
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
                    <td>{kindLabel[email.kind]}</td>
                    <td className="cell-nowrap">{formatDateTime(email.createdAt)}</td>
                    <td className="cell-nowrap">
                      <EmailStatusBadge email={email} />
                      {email.error ? <div className="muted">{email.error}</div> : null}
                    </td>
                    <td>
                      {email.bodyHidden
                        ? hiddenLabel[email.bodyHidden]
                        : email.hasCredential
                          ? 'Link visible to admins'
                          : 'Visible'}
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
