import { Link } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { PasswordResetRequestBodySchema } from '#contracts/auth.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useRequestPasswordReset } from '../api/use-request-password-reset.ts'

export function ForgotPasswordPage() {
  const requestReset = useRequestPasswordReset()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [email, setEmail] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(PasswordResetRequestBodySchema, { email })
    if (result.errors) return fail(result.errors)
    requestReset.mutate(result.data, { onError: (error) => failWith(error, ['email']) })
  }

  return (
    <div className="public-card">
      <PageHeader
        title="Reset your password"
        description="Enter the email you use for Tandem and we will send you a link to choose a new password."
      />
      {requestReset.isSuccess ? (
        <div className="stack">
          <Alert tone="success" title="Check your email">
            <p>{requestReset.data.message}</p>
            <p>The link works once and expires after a while. No email? Ask your Tandem administrator.</p>
          </Alert>
          <Link to="/sign-in">Back to sign in</Link>
        </div>
      ) : (
        <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
          <FormErrorSummary message={formError} />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value)
              clearField('email')
            }}
            error={fieldMessage('Email', fieldErrors.email)}
            required
          />
          <Button type="submit" isBlock isLoading={requestReset.isPending}>
            Send reset link
          </Button>
          <p className="form-footer">
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </form>
      )}
    </div>
  )
}
