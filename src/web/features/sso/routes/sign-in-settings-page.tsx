import { type FormEvent, useRef, useState } from 'react'
import {
  type OidcSettings,
  type SsoProtocol,
  UpdateOidcSettingsBodySchema,
  UpdateSamlSettingsBodySchema,
} from '#contracts/sso.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { fieldErrorsOf, fieldMessage, useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useActiveAdmins } from '../api/use-active-admins.ts'
import { useOidcSettings } from '../api/use-oidc-settings.ts'
import { useReadSamlMetadata } from '../api/use-read-saml-metadata.ts'
import { useUpdateOidcSettings } from '../api/use-update-oidc-settings.ts'
import { ScimProvisioningCard } from '../components/scim-provisioning-card.tsx'

const LABELS = {
  protocol: 'Kind of identity provider',
  displayName: 'Button name',
  issuerUrl: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  allowedDomains: 'Allowed email domains',
  breakGlassPersonId: 'Break-glass admin',
  idpSsoUrl: 'Identity provider sign-on URL',
  idpEntityId: 'Identity provider entity ID',
  idpCertificates: 'Identity provider signing certificate',
  metadataXml: 'Identity provider metadata XML',
} as const

const PROTOCOL_OPTIONS: Array<{ value: SsoProtocol; label: string }> = [
  { value: 'oidc', label: 'OpenID Connect' },
  { value: 'saml', label: 'SAML 2.0' },
]

/** A value to give the identity provider, shown so it can be selected and copied. */
function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>
      </dd>
    </div>
  )
}

/** Fills the SAML fields from the provider's metadata (Entra ID's "Federation Metadata XML", Okta's "IdP metadata"...). */
function SamlMetadataReader({
  onRead,
}: {
  onRead: (fields: { idpSsoUrl: string; idpEntityId: string; idpCertificates: string }) => void
}) {
  const read = useReadSamlMetadata()
  const [xml, setXml] = useState('')
  const [error, setError] = useState<string | undefined>(undefined)
  const [isRead, setIsRead] = useState(false)
  function onClick() {
    setIsRead(false)
    if (xml.trim() === '') return setError(`${LABELS.metadataXml} is required`)
    setError(undefined)
    read.mutate(xml, {
      onSuccess: (fields) => {
        onRead(fields)
        setIsRead(true)
      },
      onError: (failure) =>
        setError(fieldMessage(LABELS.metadataXml, fieldErrorsOf(failure).metadataXml) ?? String(failure)),
    })
  }
  return (
    <div className="stack">
      <TextAreaField
        label={LABELS.metadataXml}
        name="metadataXml"
        isOptional
        isCode
        rows={4}
        hint="Paste your provider's metadata to fill the three fields below, or fill them by hand."
        value={xml}
        onChange={(event) => setXml(event.target.value)}
        error={error}
      />
      <div>
        <Button type="button" variant="secondary" onClick={onClick} isLoading={read.isPending}>
          Fill from metadata
        </Button>
        <div role="status" aria-live="polite">
          {isRead ? 'The sign-on URL, entity ID and certificate were filled from the metadata.' : null}
        </div>
      </div>
    </div>
  )
}

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
      protocol: settings.protocol as SsoProtocol,
      idpSsoUrl: settings.saml.idpSsoUrl,
      idpEntityId: settings.saml.idpEntityId,
      idpCertificates: settings.saml.idpCertificates,
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
    const shared = {
      isEnabled: values.isEnabled,
      displayName: values.displayName,
      allowedDomains: domainsOf(values.allowedDomains),
      isJitEnabled: values.isJitEnabled,
      isSsoRequired: values.isSsoRequired,
      breakGlassPersonId: values.breakGlassPersonId === '' ? null : values.breakGlassPersonId,
    }
    const result =
      values.protocol === 'saml'
        ? validateWith(UpdateSamlSettingsBodySchema, {
            protocol: 'saml',
            ...shared,
            idpSsoUrl: values.idpSsoUrl,
            idpEntityId: values.idpEntityId,
            idpCertificates: values.idpCertificates,
          })
        : validateWith(UpdateOidcSettingsBodySchema, {
            protocol: 'oidc',
            ...shared,
            issuerUrl: values.issuerUrl,
            clientId: values.clientId,
            clientSecret: values.clientSecret === '' ? undefined : values.clientSecret,
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
  const isSaml = values.protocol === 'saml'
  const adminOptions = (admins.data?.people ?? []).map((person) => ({
    value: person.id,
    label: `${person.name} (${person.email})`,
  }))

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-label="Single sign-on settings">
      <FormErrorSummary message={formError} />
      <SelectField
        label={LABELS.protocol}
        name="protocol"
        hint="An organization signs in with one kind of provider at a time. The other kind's settings are kept, unused."
        options={PROTOCOL_OPTIONS}
        value={values.protocol}
        onChange={(event) => change('protocol', event.target.value as SsoProtocol)}
      />
      <Checkbox
        label={`Turn on single sign-on with ${isSaml ? 'SAML 2.0' : 'OpenID Connect'}`}
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
      {isSaml ? (
        <>
          <p>Give your identity provider these values (or the metadata URL, where it can read metadata):</p>
          <dl className="stack">
            <CopyValue label="Entity ID (audience, identifier)" value={settings.saml.spEntityId} />
            <CopyValue
              label="Assertion consumer service URL (reply URL, ACS URL; HTTP-POST)"
              value={settings.saml.acsUrl}
            />
            <CopyValue label="Service provider metadata URL" value={settings.saml.metadataUrl} />
          </dl>
          <SamlMetadataReader
            onRead={(fields) => {
              change('idpSsoUrl', fields.idpSsoUrl)
              change('idpEntityId', fields.idpEntityId)
              change('idpCertificates', fields.idpCertificates)
            }}
          />
          <TextField
            label={LABELS.idpSsoUrl}
            name="idpSsoUrl"
            type="url"
            hint="Where Tandem sends people to sign in (the HTTP-Redirect single sign-on service)."
            value={values.idpSsoUrl}
            onChange={(event) => change('idpSsoUrl', event.target.value)}
            error={error('idpSsoUrl')}
          />
          <TextField
            label={LABELS.idpEntityId}
            name="idpEntityId"
            autoComplete="off"
            hint="The issuer of its assertions (Entra ID: Microsoft Entra Identifier; Okta: Identity Provider Issuer)."
            value={values.idpEntityId}
            onChange={(event) => change('idpEntityId', event.target.value)}
            error={error('idpEntityId')}
          />
          <TextAreaField
            label={LABELS.idpCertificates}
            name="idpCertificates"
            isCode
            rows={6}
            hint="PEM (-----BEGIN CERTIFICATE----- ...). Paste two during a certificate rollover. Assertions must be signed with it."
            value={values.idpCertificates}
            onChange={(event) => change('idpCertificates', event.target.value)}
            error={error('idpCertificates')}
          />
        </>
      ) : (
        <>
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
          <p>
            Register this redirect URI at your provider: <code>{settings.redirectUri}</code>
          </p>
        </>
      )}
      <TextField
        label={LABELS.allowedDomains}
        name="allowedDomains"
        hint="Only addresses of these domains, verified by your provider, can sign in. Separate them with commas."
        value={values.allowedDomains}
        onChange={(event) => change('allowedDomains', event.target.value)}
        error={error('allowedDomains')}
      />
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

/** Administration > Sign-in and provisioning: single sign-on with OpenID Connect or SAML 2.0, and SCIM provisioning. */
export function SignInSettingsPage() {
  const settings = useOidcSettings()
  return (
    <div className="page-narrow" aria-busy={settings.isPending || undefined}>
      <PageHeader
        title="Sign-in and provisioning"
        description="Let people sign in with your organization's identity provider (OpenID Connect or SAML 2.0), and let it provision them (SCIM)."
      />
      <Card title="Single sign-on">
        {settings.isPending ? (
          <SkeletonRows rows={6} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
        ) : (
          <OidcSettingsForm settings={settings.data} />
        )}
      </Card>
      <ScimProvisioningCard />
    </div>
  )
}
