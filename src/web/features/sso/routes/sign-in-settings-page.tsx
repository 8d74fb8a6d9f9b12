import { type FormEvent, useRef, useState } from 'react'
import { type OidcSettings, UpdateOidcSettingsBodySchema } from '#contracts/sso.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useActiveAdmins } from '../api/use-active-admins.ts'
import { useOidcSettings } from '../api/use-oidc-settings.ts'
import { useUpdateOidcSettings } from '../api/use-update-oidc-settings.ts'

const LABELS = {
  displayName: 'Button name',
  issuerUrl: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  allowedDomains: 'Allowed email domains',
  breakGlassPersonId: 'Break-glass admin',
} as const

/** "acme.com, acme.co.uk" or one per line -> ['acme.com', 'acme.co.uk'] */
function domainsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim())
    .filter(Boolean)
}

function OidcSettingsForm({ settings }: { settings: OidcSettings }) {
  const update = useUpdateOidcSettings()
  const admins = useActiveAdmins()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField, clear } = useFormErrors(formRef)
  const { values, change } = useFieldValues(
    {
      isEnabled: settings.isEnabled,
      displayName: settings.displayName,
      issuerUrl: settings.issuerUrl,
      clientId: settings.clientId,
      clientSecret: '',
      allowedDomains: settings.allowedDomains.join(', '),
      isJitEnabled: settings.isJitEnabled,
      isSsoRequired: settings.isSsoRequired,
      breakGlassPersonId: settings.breakGlassPersonId ?? '',
    },
    clearField,
  )
  const [isSaved, setIsSaved] = useState(false)
  const [isSecretSet, setIsSecretSet] = useState(settings.isClientSecretSet)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setIsSaved(false)
    const result = validateWith(UpdateOidcSettingsBodySchema, {
      ...values,
      clientSecret: values.clientSecret === '' ? undefined : values.clientSecret,
      allowedDomains: domainsOf(values.allowedDomains),
      breakGlassPersonId: values.breakGlassPersonId === '' ? null : values.breakGlassPersonId,
    })
    if (result.errors) return fail(result.errors)
    clear()
    update.mutate(result.data, {
      onSuccess: (saved) => {
        setIsSaved(true)
        setIsSecretSet(saved.isClientSecretSet)
        change('clientSecret', '')
      },
      onError: (error) => failWith(error, Object.keys(LABELS)),
    })
  }

  const error = (field: keyof typeof LABELS) => fieldMessage(LABELS[field], fieldErrors[field])
  const adminOptions = (admins.data?.people ?? []).map((person) => ({
    value: person.id,
    label: `${person.name} (${person.email})`,
  }))

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-label="OpenID Connect settings">
      <FormErrorSummary message={formError} />
      <Checkbox
        label="Turn on single sign-on with OpenID Connect"
        name="isEnabled"
        checked={values.isEnabled}
        onChange={(event) => change('isEnabled', event.target.checked)}
      />
      <TextField
        label={LABELS.displayName}
        name="displayName"
        hint='The sign-in page shows "Sign in with" and this name, for example "Sign in with Acme ID".'
        value={values.displayName}
        onChange={(event) => change('displayName', event.target.value)}
        error={error('displayName')}
      />
      <TextField
        label={LABELS.issuerUrl}
        name="issuerUrl"
        type="url"
        hint="Your provider's issuer, without /.well-known/openid-configuration. Tandem reads its discovery document when you save."
        value={values.issuerUrl}
        onChange={(event) => change('issuerUrl', event.target.value)}
        error={error('issuerUrl')}
      />
      <TextField
        label={LABELS.clientId}
        name="clientId"
        autoComplete="off"
        value={values.clientId}
        onChange={(event) => change('clientId', event.target.value)}
        error={error('clientId')}
      />
      <TextField
        label={LABELS.clientSecret}
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        hint={isSecretSet ? 'A secret is set. Leave this empty to keep it.' : 'Not set yet.'}
        value={values.clientSecret}
        onChange={(event) => change('clientSecret', event.target.value)}
        error={error('clientSecret')}
      />
      <TextField
        label={LABELS.allowedDomains}
        name="allowedDomains"
        hint="Only addresses of these domains, verified by your provider, can sign in. Separate them with commas."
        value={values.allowedDomains}
        onChange={(event) => change('allowedDomains', event.target.value)}
        error={error('allowedDomains')}
      />
      <p>
        Register this redirect URI at your provider: <code>{settings.redirectUri}</code>
      </p>
      <Checkbox
        label="Create an account (as a participant) for a verified address of an allowed domain that has none"
        name="isJitEnabled"
        checked={values.isJitEnabled}
        onChange={(event) => change('isJitEnabled', event.target.checked)}
      />
      <Checkbox
        label="Require single sign-on: passwords are refused, except for the break-glass admin"
        name="isSsoRequired"
        checked={values.isSsoRequired}
        onChange={(event) => change('isSsoRequired', event.target.checked)}
      />
      <SelectField
        label={LABELS.breakGlassPersonId}
        name="breakGlassPersonId"
        hint="The one admin who can still sign in with a password, for when your provider is down."
        placeholder="No one"
        options={adminOptions}
        value={values.breakGlassPersonId}
        onChange={(event) => change('breakGlassPersonId', event.target.value)}
        error={error('breakGlassPersonId')}
      />
      <div className="form-actions" style={{ paddingTop: 0 }}>
        <Button type="submit" isLoading={update.isPending}>
          Save sign-in settings
        </Button>
        <div role="status" aria-live="polite">
          {isSaved ? (
            <Alert tone="success" isLive={false}>
              Sign-in settings saved.
            </Alert>
          ) : null}
        </div>
      </div>
    </form>
  )
}

/** Administration > Sign-in and provisioning: single sign-on with OpenID Connect. */
export function SignInSettingsPage() {
  const settings = useOidcSettings()
  return (
    <div className="page-narrow" aria-busy={settings.isPending || undefined}>
      <PageHeader
        title="Sign-in and provisioning"
        description="Let people sign in with your organization's identity provider (OpenID Connect)."
      />
      <Card title="Single sign-on (OpenID Connect)">
        {settings.isPending ? (
          <SkeletonRows rows={6} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
        ) : (
          <OidcSettingsForm settings={settings.data} />
        )}
      </Card>
    </div>
  )
}
