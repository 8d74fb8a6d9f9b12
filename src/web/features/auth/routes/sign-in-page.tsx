import { Link, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { SignInBodySchema } from '#contracts/auth.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useSignIn } from '../api/use-sign-in.ts'

/** Only paths of this app are followed after sign-in, never another site. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/sign-in') ? target : '/'
}

export function SignInPage({ redirectTo, notice }: { redirectTo?: string; notice?: string }) {
  const router = useRouter()
  const signIn = useSignIn()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, clearField } = useFormErrors(formRef)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(SignInBodySchema, { email, password })
    if (result.errors) return fail(result.errors)
    signIn.mutate(result.data, {
      onSuccess: () => router.history.push(safeRedirect(redirectTo)),
      onError: (error) => {
        setPassword('')
        // The API's own words: wrong password, too many attempts (with when to retry), deactivated account.
        fail({}, errorMessage(error))
      },
    })
  }

  return (
    <div className="public-card">
      <PageHeader title="Sign in" description="Welcome back to Tandem." />
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
