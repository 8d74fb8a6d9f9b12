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
            <dt>Date</dt>
            <dd>{formatDateTime(email.data.createdAt)}</dd>
            <dt>Delivery</dt>
            <dd>
              {email.data.transport === 'outbox'
                ? 'Kept in the outbox (no SMTP server configured)'
                : email.data.sentAt
                  ? 'Sent by SMTP'
                  : 'Queued for SMTP delivery (retried with back-off until it goes through)'}
            </dd>
          </dl>
          {email.data.error ? (
            <div style={{ marginBottom: 16 }}>
              <Alert tone="error" title="Delivery failed" isLive={false}>
                <p>{email.data.error}</p>
              </Alert>
            </div>
          ) : null}
          <EmailBody text={email.data.text} />
        </Card>
      )}
    </div>
  )
}
