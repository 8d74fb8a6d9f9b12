import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { type ApiTokenScope, CreateApiTokenBodySchema, type CreatedApiToken } from '#contracts/api-tokens.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateApiToken } from '../api/use-create-api-token.ts'
import { SCOPE_LABELS, SCOPES } from './scope-labels.ts'

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (until revoked)' },
]

function CreateForm({ onCreated, onCancel }: { onCreated: (created: CreatedApiToken) => void; onCancel: () => void }) {
  const create = useCreateApiToken()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ApiTokenScope[]>([])
  const [expiry, setExpiry] = useState('90')
  const scopesErrorId = useId()

  function toggle(scope: ApiTokenScope, isOn: boolean) {
    clearField('scopes')
    setScopes((current) =>
      isOn ? SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope),
    )
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(CreateApiTokenBodySchema, {
      name,
      scopes,
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    })
    if (result.errors) return fail(result.errors)
    clear()
    create.mutate(result.data, {
      onSuccess: onCreated,
      onError: (error) => failWith(error, ['name', 'scopes', 'expiresInDays']),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <FormErrorSummary message={formError} />
      <TextField
        label="Name"
        hint="What uses it, so you recognise it later (“HR system sync”)."
        value={name}
        onChange={(event) => {
          clearField('name')
          setName(event.target.value)
        }}
        error={fieldErrors.name}
        maxLength={100}
        autoComplete="off"
      />
      <fieldset className="fieldset" aria-describedby={fieldErrors.scopes ? scopesErrorId : undefined}>
        <legend>What it may do</legend>
        <div className="stack" style={{ gap: 8 }}>
          {SCOPES.map((scope) => (
            <Checkbox
              key={scope}
              name="scopes"
              value={scope}
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
              aria-invalid={fieldErrors.scopes ? true : undefined}
              label={
                <>
                  {SCOPE_LABELS[scope].label} <code>{scope}</code>
                  <span className="muted" style={{ display: 'block' }}>
                    {SCOPE_LABELS[scope].hint}
                  </span>
                </>
              }
            />
          ))}
        </div>
        {fieldErrors.scopes ? <FieldError id={scopesErrorId} message={fieldErrors.scopes} /> : null}
      </fieldset>
      <p className="muted" style={{ margin: 0 }}>
        No token ever reads private content: workspaces, notes, reflections, feedback, check-ins or sessions.
      </p>
      <SelectField
        label="Expires after"
        options={EXPIRY_OPTIONS}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Create token
        </Button>
      </DialogActions>
    </form>
  )
}

function ShownOnce({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null)
  const secretId = useId()
  const secretRef = useRef<HTMLInputElement>(null)
  // The form that had focus is gone: focus (and select) the secret, ready to copy.
  useEffect(() => secretRef.current?.focus(), [])

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret)
      setCopied('Copied to the clipboard.')
    } catch {
      setCopied('Copying is not allowed here: select the token and copy it yourself.')
    }
  }

  return (
    <div className="stack">
      <Alert tone="warning" title="Copy the token now" isLive={false}>
        <p style={{ margin: 0 }}>
          This is the only time it is shown: Tandem keeps only a fingerprint of it. Store it in your integration’s
          secret settings.
        </p>
      </Alert>
      <div className="field">
        <label className="field-label" htmlFor={secretId}>
          Token for {created.token.name}
        </label>
        <input
          ref={secretRef}
          id={secretId}
          className="input"
          readOnly
          value={created.secret}
          onFocus={(event) => event.target.select()}
          style={{ fontFamily: 'monospace' }}
        />
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Send it as <code>Authorization: Bearer …</code> with each request to the API.
      </p>
      <div role="status" aria-live="polite">
        {copied}
      </div>
      <DialogActions>
        <Button variant="secondary" onClick={copy}>
          Copy token
        </Button>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  )
}

/** Creating a token: the form, then its secret shown once with a copy button. */
export function CreateApiTokenDialog({
  isOpen,
  onClose,
  onCreated,
}: {
  isOpen: boolean
  onClose: () => void
  onCreated: (name: string) => void
}) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null)

  function close() {
    // Once closed the secret is gone from the page for good.
    if (created) onCreated(created.token.name)
    setCreated(null)
    onClose()
  }

  return (
    <Dialog
      isOpen={isOpen}
      title={created ? 'Your new API token' : 'Create an API token'}
      description={created ? undefined : 'An integration uses it to call the API on behalf of the organization.'}
      onClose={close}
    >
      {created ? (
        <ShownOnce created={created} onDone={close} />
      ) : (
        <CreateForm onCreated={setCreated} onCancel={close} />
      )}
    </Dialog>
  )
}
