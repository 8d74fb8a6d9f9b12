import type { EmailBodyHidden, EmailKind, MailMode, OutboxEmail } from '#contracts/outbox.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'

export const kindLabel: Record<EmailKind, string> = {
  invitation: 'Invitation',
  password_reset: 'Password reset',
  sign_in_reset: 'Sign-in reset by an admin',
  notification: 'Notification',
}

export const hiddenLabel: Record<EmailBodyHidden, string> = {
  smtp: 'Metadata only (sent through your mail server)',
  credential_for_someone_else: 'Hidden: a password-reset link for someone else',
  purged: 'Link deleted after delivery',
}

export function EmailStatusBadge({ email }: { email: Pick<OutboxEmail, 'status' | 'attempts'> }) {
  const attempts = email.attempts > 1 ? ` (${email.attempts} attempts)` : ''
  switch (email.status) {
    case 'caught':
      return <Badge tone="neutral">Caught, not delivered</Badge>
    case 'queued':
      return <Badge tone="warning">Queued{attempts}</Badge>
    case 'sent':
      return <Badge tone="success">Sent{attempts}</Badge>
    case 'failed':
      return <Badge tone="danger">Failed{attempts}</Badge>
  }
}

/** What the outbox is in this configuration, said plainly at the top of its pages. */
export function MailModeNote({ mode }: { mode: MailMode }) {
  return mode === 'mail_catcher' ? (
    <Alert tone="warning" title="Development mail catcher: no email is delivered" isLive={false}>
      <p>
        No mail server is configured (<code>SMTP_URL</code>), so Tandem keeps every email here instead of sending it.
        Invitation links and sign-in resets you made are shown so you can pass them on. A password-reset link is only
        ever shown to the person it is for: for anyone else it is hidden. For someone who cannot get back in, use{' '}
        <strong>Reset sign-in</strong> on their page.
      </p>
    </Alert>
  ) : (
    <Alert tone="info" title="Delivery log" isLive={false}>
      <p>
        Emails go out through your mail server. This page shows delivery only (recipient, subject, kind, status,
        attempts, error): never a message's text or its links.
      </p>
    </Alert>
  )
}
