import { Link, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { SignInBodySchema } from '#contracts/auth.ts'
import { ssoErrorMessage } from '#contracts/sso.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button, buttonClassName } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useSignIn } from '../api/use-sign-in.ts'
import { useSignInOptions } from '../api/use-sign-in-options.ts'
import { MfaCodePrompt } from '../components/mfa-code-prompt.tsx'

/** Only paths of this app are followed after sign-in, never another site. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/sign-in') ? target : '/'
}

/** "Sign in with <name>" for each organization with single sign-on: a link to its start, a full page load. */
function SingleSignOnButtons() {
  const options = useSignInOptions()
  const buttons = options.data?.singleSignOn ?? []
  if (buttons.length === 0) return null
  return (
    <div className="stack">
      {buttons.map((option) => (
        <a
          key={option.organizationSlug}
          className={buttonClassName('secondary', { isBlock: true })}
          href={option.startUrl}
        >
          Sign in with {option.displayName}
        </a>
      ))}
      <p className="form-footer">
        {buttons.some((option) => option.isRequired)
          ? 'Passwords are turned off for your organization, except for its emergency admin account:'
          : 'Or sign in with your email and password:'}
      </p>
    </div>
  )
}

export function SignInPage({
  redirectTo,
  notice,
  ssoError,
}: {
  redirectTo?: string
  notice?: string
  /** Why a single sign-on was refused (the server's sso_error code). */
  ssoError?: string
}) {
  const router = useRouter()
  const signIn = useSignIn()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, clearField } = useFormErrors(formRef)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  // A right password on an account with two-step sign-in: the code comes next.
  const [pendingToken, setPendingToken] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(SignInBodySchema, { email, password })
    if (result.errors) return fail(result.errors)
    signIn.mutate(result.data, {
      onSuccess: (answer) => {
        setPassword('')
        if ('mfaRequired' in answer) return setPendingToken(answer.pendingToken)
        router.history.push(safeRedirect(redirectTo))
      },
      onError: (error) => {
        setPassword('')
        // The API's own words: wrong password, too many attempts (with when to retry), deactivated account.
        fail({}, errorMessage(error))
      },
    })
  }

  if (pendingToken) {
    return (
      <div className="public-card">
        <MfaCodePrompt
          pendingToken={pendingToken}
          onSignedIn={() => router.history.push(safeRedirect(redirectTo))}
          onRestart={(message) => {
            setPendingToken(null)
            fail({}, message)
          }}
        />
      </div>
    )
  }

  return (
    <div className="public-card">
      <PageHeader title="Sign in" description="Welcome back to Tandem." />
      {ssoError && !formError ? <Alert tone="error">{ssoErrorMessage(ssoError)}</Alert> : null}
      <SingleSignOnButtons />
      <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
        {notice && !formError ? <Alert tone="success">{notice}</Alert> : null}
        <FormErrorSummary message={formError} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value)
            clearField('email')
          }}
          error={fieldMessage('Email', fieldErrors.email)}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value)
            clearField('password')
          }}
          error={fieldMessage('Password', fieldErrors.password)}
          required
        />
        <Button type="submit" isBlock isLoading={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <p className="form-footer">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </div>
  )
}
