import { type FormEvent, useRef, useState } from 'react'
import type { Session } from '#contracts/auth.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors } from '#web/lib/forms.ts'
import { useSignInWithCode } from '../api/use-sign-in.ts'

/**
 * The second step of signing in to an account with two-step sign-in: the 6-digit code of the
 * authenticator app, or one of the recovery codes.
 */
export function MfaCodePrompt({
  pendingToken,
  onSignedIn,
  onRestart,
}: {
  pendingToken: string
  onSignedIn: (session: Session) => void
  /** The pending sign-in ended (expired, too many wrong codes): back to email and password. */
  onRestart: (message: string) => void
}) {
  const signIn = useSignInWithCode()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, clearField } = useFormErrors(formRef)
  const [code, setCode] = useState('')
  const [isRecovery, setIsRecovery] = useState(false)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const trimmed = code.trim()
    if (trimmed === '') return fail({ code: 'is required' })
    signIn.mutate(
      { pendingToken, code: trimmed },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          setCode('')
          if (isApiError(error, 'mfa_pending_expired')) return onRestart(errorMessage(error))
          fail({}, errorMessage(error))
        },
      },
    )
  }

  const label = isRecovery ? 'Recovery code' : 'Code from your authenticator app'
  return (
    <>
      <PageHeader
        title="Two-step sign-in"
        description={
          isRecovery
            ? 'Type one of the recovery codes you saved when you turned on two-step sign-in. Each works once.'
            : 'Open your authenticator app and type the 6-digit code it shows for Tandem.'
        }
      />
      <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
        <FormErrorSummary message={formError} />
        <TextField
          key={isRecovery ? 'recovery' : 'totp'}
          label={label}
          name="code"
          autoComplete="one-time-code"
          inputMode={isRecovery ? 'text' : 'numeric'}
          spellCheck={false}
          value={code}
          onChange={(event) => {
            setCode(event.target.value)
            clearField('code')
          }}
          error={fieldMessage(label, fieldErrors.code)}
          required
        />
        <Button type="submit" isBlock isLoading={signIn.isPending}>
          Verify and sign in
        </Button>
      </form>
      <p className="form-footer">
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            setIsRecovery(!isRecovery)
            setCode('')
            clearField('code')
          }}
        >
          {isRecovery ? 'Use the code from my app' : 'Use a recovery code instead'}
        </Button>
      </p>
    </>
  )
}
