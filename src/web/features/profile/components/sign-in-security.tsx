import { type FormEvent, useRef, useState } from 'react'
import type { MfaSetup } from '#contracts/auth.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors } from '#web/lib/forms.ts'
import { useConfirmMfaSetup, useDisableMfa, useFinishMfaSetup, useMfaStatus, useStartMfaSetup } from '../api/use-mfa.ts'

/** Scan (or type the key), then confirm with a first code; answers the recovery codes. */
function SetupSteps({ setup, onConfirmed }: { setup: MfaSetup; onConfirmed: (codes: string[]) => void }) {
  const confirm = useConfirmMfaSetup()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [code, setCode] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (code.trim() === '') return fail({ code: 'is required' })
    confirm.mutate(code.trim(), {
      onSuccess: (answer) => onConfirmed(answer.recoveryCodes),
      onError: (error) => failWith(error),
    })
  }

  return (
    <div className="stack">
      <p>
        1. Scan this QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or
        1Password).
      </p>
      <img src={setup.qrCodeDataUrl} alt="QR code to add Tandem to your authenticator app" width={200} height={200} />
      <p>
        Cannot scan it? Type this key into the app instead: <code data-testid="totp-secret">{setup.secret}</code>
      </p>
      <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
        <p>2. Type the 6-digit code the app now shows for Tandem.</p>
        <FormErrorSummary message={formError} />
        <TextField
          label="Code from your authenticator app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(event) => {
            setCode(event.target.value)
            clearField('code')
          }}
          error={fieldMessage('Code', fieldErrors.code)}
          required
        />
        <Button type="submit" isLoading={confirm.isPending}>
          Turn on two-step sign-in
        </Button>
      </form>
    </div>
  )
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="stack">
      <Alert tone="success" title="Two-step sign-in is on">
        <p>
          Save these recovery codes somewhere safe (a password manager, or printed). Each works once to sign in if you
          lose your phone. They are shown only now.
        </p>
      </Alert>
      <ul aria-label="Recovery codes" className="recovery-codes" style={{ fontFamily: 'monospace', columns: 2 }}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button onClick={onDone}>I have saved my recovery codes</Button>
    </div>
  )
}

function TurnOff() {
  const disable = useDisableMfa()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [code, setCode] = useState('')
  const [password, setPassword] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (code.trim() === '' && password === '') return fail({}, 'Type a code from your app, or your password.')
    disable.mutate(code.trim() !== '' ? { code: code.trim() } : { password }, {
      onError: (error) => failWith(error),
      onSettled: () => {
        setCode('')
        setPassword('')
      },
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p>To turn it off, confirm it is you with a code from your app (or a recovery code), or your password.</p>
      <FormErrorSummary message={formError} />
      <TextField
        label="Code from your app or a recovery code"
        name="code"
        autoComplete="one-time-code"
        isOptional
        value={code}
        onChange={(event) => {
          setCode(event.target.value)
          clearField('code')
        }}
        error={fieldMessage('Code', fieldErrors.code)}
      />
      <TextField
        label="Or your password"
        name="password"
        type="password"
        autoComplete="current-password"
        isOptional
        value={password}
        onChange={(event) => {
          setPassword(event.target.value)
          clearField('password')
        }}
        error={fieldMessage('Password', fieldErrors.password)}
      />
      <Button type="submit" variant="danger" isLoading={disable.isPending}>
        Turn off two-step sign-in
      </Button>
    </form>
  )
}

/**
 * "Sign-in security" on the profile page (and the enrollment step when the organization requires it):
 * an authenticator app (TOTP) as a second step after the password (issue #15 point 4, decision 040).
 */
export function SignInSecurity() {
  const status = useMfaStatus()
  const start = useStartMfaSetup()
  const finish = useFinishMfaSetup()
  const [setup, setSetup] = useState<MfaSetup | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)

  let body: React.ReactNode
  if (status.error) body = <ErrorState error={status.error} onRetry={() => status.refetch()} />
  else if (!status.data) body = <SkeletonRows rows={3} label="Loading your sign-in security…" />
  else if (recoveryCodes) {
    body = (
      <RecoveryCodes
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null)
          setSetup(null)
          finish()
        }}
      />
    )
  } else if (status.data.isEnabled) {
    body = (
      <div className="stack">
        <p>
          Two-step sign-in is on: after your password, Tandem asks for the code of your authenticator app.{' '}
          {status.data.recoveryCodesLeft} recovery code{status.data.recoveryCodesLeft === 1 ? '' : 's'} left.
        </p>
        {status.data.isRequired ? (
          <p className="muted">Your organization requires it for your role, so you will be asked to set it up again.</p>
        ) : null}
        <TurnOff />
      </div>
    )
  } else if (setup) {
    body = <SetupSteps setup={setup} onConfirmed={setRecoveryCodes} />
  } else {
    body = (
      <div className="stack">
        <p>
          Two-step sign-in is off. Turn it on to be asked, after your password, for a code from an authenticator app on
          your phone.
          {status.data.isRequired ? ' Your organization requires it for your role.' : ''}
        </p>
        {start.isError ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
        <div>
          <Button isLoading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setSetup })}>
            Set up an authenticator app
          </Button>
        </div>
      </div>
    )
  }

  return (
    <Card title="Sign-in security" labelledBy="sign-in-security-heading">
      {body}
    </Card>
  )
}
