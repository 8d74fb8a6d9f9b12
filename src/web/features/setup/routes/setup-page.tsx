import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { PASSWORD_MIN_LENGTH } from '#contracts/auth.ts'
import { SetupBodySchema } from '#contracts/organizations.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useSetUp } from '../api/use-set-up.ts'

const fields = ['organizationName', 'name', 'email', 'password'] as const

/** First run: the organization and its first admin. */
export function SetupPage() {
  const navigate = useNavigate()
  const setUp = useSetUp()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [values, setValues] = useState({ organizationName: '', name: '', email: '', password: '' })

  function update(name: (typeof fields)[number], value: string) {
    setValues((current) => ({ ...current, [name]: value }))
    clearField(name)
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(SetupBodySchema, values)
    if (result.errors) return fail(result.errors)
    setUp.mutate(result.data, {
      onSuccess: () => navigate({ to: '/' }),
      onError: (error) => {
        if (isApiError(error, 'already_set_up')) {
          fail({}, 'This Tandem is already set up. Sign in instead.')
          return
        }
        failWith(error, [...fields])
      },
    })
  }

  return (
    <div className="public-card public-card-wide">
      <PageHeader
        title="Set up Tandem"
        description="Create your organization and your own administrator account. You can invite everyone else next."
      />
      <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
        <FormErrorSummary message={formError} />
        <TextField
          label="Organization name"
          name="organizationName"
          autoComplete="organization"
          value={values.organizationName}
          onChange={(event) => update('organizationName', event.target.value)}
          error={fieldMessage('Organization name', fieldErrors.organizationName)}
          required
        />
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={values.name}
          onChange={(event) => update('name', event.target.value)}
          error={fieldMessage('Your name', fieldErrors.name)}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={(event) => update('email', event.target.value)}
          error={fieldMessage('Email', fieldErrors.email)}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
          value={values.password}
          onChange={(event) => update('password', event.target.value)}
          error={fieldMessage('Password', fieldErrors.password)}
          required
        />
        <Button type="submit" isBlock isLoading={setUp.isPending}>
          Create organization
        </Button>
      </form>
    </div>
  )
}
