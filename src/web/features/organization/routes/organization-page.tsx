import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { type Organization, UpdateOrganizationBodySchema } from '#contracts/organizations.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useOrganization } from '../api/use-organization.ts'
import { useUpdateOrganization } from '../api/use-update-organization.ts'

function OrganizationForm({ organization }: { organization: Organization }) {
  const update = useUpdateOrganization()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField, clear } = useFormErrors(formRef)
  const [name, setName] = useState(organization.name)
  const [threshold, setThreshold] = useState(String(organization.aggregateThreshold))
  const [isSaved, setIsSaved] = useState(false)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setIsSaved(false)
    const result = validateWith(UpdateOrganizationBodySchema, {
      name,
      aggregateThreshold: threshold.trim() === '' ? Number.NaN : Number(threshold),
    })
    if (result.errors) return fail(result.errors)
    clear()
    update.mutate(result.data, {
      onSuccess: () => setIsSaved(true),
      onError: (error) => failWith(error, ['name', 'aggregateThreshold']),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-label="Organization settings">
      <FormErrorSummary message={formError} />
      <TextField
        label="Organization name"
        name="name"
        value={name}
        onChange={(event) => {
          setName(event.target.value)
          clearField('name')
          setIsSaved(false)
        }}
        error={fieldMessage('Organization name', fieldErrors.name)}
      />
      <TextField
        label="Smallest group shown in reports"
        name="aggregateThreshold"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        hint="Reports hide any group with fewer people than this, so no one can be singled out. The default is 5."
        value={threshold}
        onChange={(event) => {
          setThreshold(event.target.value)
          clearField('aggregateThreshold')
          setIsSaved(false)
        }}
        error={fieldMessage('Smallest group shown in reports', fieldErrors.aggregateThreshold)}
        style={{ maxWidth: 160 }}
      />
      <div className="form-actions" style={{ paddingTop: 0 }}>
        <Button type="submit" isLoading={update.isPending}>
          Save settings
        </Button>
        <div role="status" aria-live="polite">
          {isSaved ? (
            <Alert tone="success" isLive={false}>
              Settings saved.
            </Alert>
          ) : null}
        </div>
      </div>
    </form>
  )
}

/** `children`: further settings cards composed in by the app (data retention). */
export function OrganizationPage({ children }: { children?: ReactNode }) {
  const organization = useOrganization()
  return (
    <div className="page-narrow" aria-busy={organization.isPending || undefined}>
      <PageHeader title="Organization settings" description="How your organization appears in Tandem." />
      {organization.isError ? (
        <ErrorState error={organization.error} onRetry={() => organization.refetch()} />
      ) : !organization.data ? (
        <Card>
          <SkeletonRows rows={4} label="Loading settings…" />
        </Card>
      ) : (
        <Card>
          <OrganizationForm organization={organization.data} />
        </Card>
      )}
      {children}
    </div>
  )
}
