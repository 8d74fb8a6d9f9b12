import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { AcceptInvitationBodySchema, type InvitationPreview, PASSWORD_MIN_LENGTH } from '#contracts/auth.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDate, roleLabel } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useAcceptInvitation } from '../api/use-accept-invitation.ts'
import { useInvitationPreview } from '../api/use-invitation-preview.ts'
import { ExpiredLink } from '../components/expired-link.tsx'

function isDeadLink(error: unknown) {
  return (
    isApiError(error, 'token_invalid') ||
    isApiError(error, 'not_found') ||
    isApiError(error, 'validation_failed') ||
    isApiError(error, 'bad_request')
  )
}

const deadLinkMessage = (
  <ExpiredLink title="This invitation link no longer works">
    <p>
      It has expired, was cancelled by an administrator, or was already used. If you already set your password, sign in.
      Otherwise ask your Tandem administrator to send you a new invitation.
    </p>
  </ExpiredLink>
)

export function AcceptInvitationPage({ token = '' }: { token?: string }) {
  const preview = useInvitationPreview(token)

  let content: ReactNode
  let title = 'Accept your invitation'
  if (!token || (preview.isError && isDeadLink(preview.error))) {
    content = deadLinkMessage
  } else if (preview.isPending) {
    content = <LoadingState label="Checking your invitation…" />
  } else if (preview.isError) {
    content = <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
  } else {
    title = `Join ${preview.data.organizationName}`
    content = <AcceptForm token={token} invitation={preview.data} />
  }

  return (
    <div className="public-card">
      <PageHeader title={title} documentTitle="Accept your invitation" />
      {content}
    </div>
  )
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const navigate = useNavigate()
  const accept = useAcceptInvitation()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [name, setName] = useState(invitation.name)
  const [password, setPassword] = useState('')
  const [isLinkDead, setIsLinkDead] = useState(false)

  if (isLinkDead) return deadLinkMessage

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(AcceptInvitationBodySchema, { token, password, name })
    if (result.errors) return fail(result.errors)
    accept.mutate(result.data, {
      onSuccess: () => navigate({ to: '/' }),
      onError: (error) => {
        if (isApiError(error, 'token_invalid') || isApiError(error, 'not_found')) return setIsLinkDead(true)
        failWith(error, ['password', 'name'])
      },
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p className="lead" style={{ margin: 0 }}>
        {invitation.invitedByName ? `${invitation.invitedByName} invited you` : 'You are invited'} to Tandem at{' '}
        <strong>{invitation.organizationName}</strong> as {roleLabel(invitation.role).toLowerCase()}. Choose a password
        to finish. The invitation is valid until {formatDate(invitation.expiresAt)}.
      </p>
      <dl className="detail-list">
        <dt>Email</dt>
        <dd>{invitation.email}</dd>
      </dl>
      <FormErrorSummary message={formError} />
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => {
          setName(event.target.value)
          clearField('name')
        }}
        error={fieldMessage('Your name', fieldErrors.name)}
        required
      />
      <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={password}
        onChange={(event) => {
          setPassword(event.target.value)
          clearField('password')
        }}
        error={fieldMessage('Password', fieldErrors.password)}
        required
      />
      <Button type="submit" isBlock isLoading={accept.isPending}>
        Accept invitation
      </Button>
    </form>
  )
}
