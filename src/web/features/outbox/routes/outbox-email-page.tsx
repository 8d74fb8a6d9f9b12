import { Link } from '@tanstack/react-router'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useOutboxEmail } from '../api/use-outbox-email.ts'
import { EmailBody } from '../components/email-body.tsx'
import { EmailStatusBadge, hiddenLabel, kindLabel } from '../components/email-labels.tsx'

export function OutboxEmailPage({ emailId }: { emailId: string }) {
  const email = useOutboxEmail(emailId)
  const isMissing = isApiError(email.error, 'not_found') || isApiError(email.error, 'validation_failed')
  const title = email.data?.subject ?? (isMissing ? 'Email not found' : 'Email')

  return (
    <div className="page-narrow" aria-busy={email.isPending || undefined}>
      <Link to="/outbox" className="back-link">
        ← Back to outbox
      </Link>
      <PageHeader title={title} />
      {email.isError ? (
        isMissing ? (
          <p>
            This email does not exist. <Link to="/outbox">Back to the outbox</Link>
          </p>
        ) : (
          <ErrorState error={email.error} onRetry={() => email.refetch()} />
        )
      ) : !email.data ? (
        <Card>
          <SkeletonRows rows={6} label="Loading email…" />
        </Card>
      ) : (
        <Card>
          <dl className="email-meta">
            <dt>To</dt>
            <dd>{email.data.to}</dd>
            <dt>Kind</dt>
            <dd>{kindLabel[email.data.kind]}</dd>
            <dt>Date</dt>
            <dd>{formatDateTime(email.data.createdAt)}</dd>
            <dt>Status</dt>
            <dd>
              <EmailStatusBadge email={email.data} />{' '}
              {email.data.transport === 'outbox'
                ? 'Kept in the development mail catcher (no SMTP server configured)'
                : email.data.sentAt
                  ? `Sent by SMTP on ${formatDateTime(email.data.sentAt)}`
                  : 'Queued for SMTP delivery (retried with back-off until it goes through)'}
            </dd>
            <dt>Attempts</dt>
            <dd>{email.data.attempts}</dd>
          </dl>
          {email.data.error ? (
            <div style={{ marginBottom: 16 }}>
              <Alert tone="error" title="Delivery failed" isLive={false}>
                <p>{email.data.error}</p>
              </Alert>
            </div>
          ) : null}
          {email.data.text !== null ? (
            <EmailBody text={email.data.text} />
          ) : (
            <Alert
              tone="info"
              title={email.data.bodyHidden ? hiddenLabel[email.data.bodyHidden] : 'No content'}
              isLive={false}
            >
              <p>
                {email.data.bodyHidden === 'credential_for_someone_else'
                  ? 'This email holds a link that would let whoever opens it set this person’s password. Only they may read it. If they cannot get in, use Reset sign-in on their page: it is recorded and they are told.'
                  : email.data.bodyHidden === 'purged'
                    ? 'The email held a sign-in link; its text was deleted once delivered.'
                    : 'With a mail server configured, Tandem shows delivery metadata only, never a message’s text or links.'}
              </p>
            </Alert>
          )}
        </Card>
      )}
    </div>
  )
}
