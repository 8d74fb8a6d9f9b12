import { Link } from '@tanstack/react-router'
import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { PASSWORD_MIN_LENGTH, PasswordResetCompleteBodySchema } from '#contracts/auth.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useResetPassword } from '../api/use-reset-password.ts'
import { ExpiredLink } from '../components/expired-link.tsx'

function isDeadLink(error: unknown) {
  return isApiError(error, 'token_invalid') || isApiError(error, 'not_found')
}

export function ResetPasswordPage({ token = '' }: { token?: string }) {
  const resetPassword = useResetPassword()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [password, setPassword] = useState('')
  const [isLinkDead, setIsLinkDead] = useState(false)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(PasswordResetCompleteBodySchema, { token, password })
    if (result.errors) {
      if (result.errors.token) return setIsLinkDead(true)
      return fail(result.errors)
    }
    resetPassword.mutate(result.data, {
      onError: (error) => {
        if (isDeadLink(error) || fieldErrorsHaveToken(error)) return setIsLinkDead(true)
        failWith(error, ['password'])
      },
    })
  }

  let content: ReactNode
  if (!token || isLinkDead) {
    content = (
      <ExpiredLink title="This reset link no longer works">
        <p>It has expired or was already used. Ask for a new link and use it within the time it gives.</p>
        <p>
          <Link to="/forgot-password">Send me a new reset link</Link>
        </p>
      </ExpiredLink>
    )
  } else if (resetPassword.isSuccess) {
    content = (
      <div className="stack">
        <Alert tone="success" title="Your password is changed">
          <p>{resetPassword.data.message}</p>
        </Alert>
        <Link to="/sign-in" className="button button-primary button-block">
          Sign in
        </Link>
      </div>
    )
  } else {
    content = (
      <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
        <FormErrorSummary message={formError} />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value)
            clearField('password')
          }}
          error={fieldMessage('New password', fieldErrors.password)}
          required
        />
        <Button type="submit" isBlock isLoading={resetPassword.isPending}>
          Set new password
        </Button>
      </form>
    )
  }

  return (
    <div className="public-card">
      <PageHeader title="Choose a new password" />
      {content}
    </div>
  )
}

function fieldErrorsHaveToken(error: unknown) {
  return isApiError(error) && error.details.some((detail) => detail.path.endsWith('token'))
}
