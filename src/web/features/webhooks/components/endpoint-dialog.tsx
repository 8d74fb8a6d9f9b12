import { type FormEvent, useRef } from 'react'
import {
  CreateWebhookEndpointBodySchema,
  UpdateWebhookEndpointBodySchema,
  type WebhookEndpoint,
  type WebhookEventType,
} from '#contracts/webhooks.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateWebhookEndpoint } from '../api/use-create-webhook-endpoint.ts'
import { useUpdateWebhookEndpoint } from '../api/use-update-webhook-endpoint.ts'
import { eventLabels, eventTypes } from './event-labels.ts'

/** Adds an endpoint (`endpoint` null) or edits one: its address, description, events and whether it is on. */
export function EndpointDialog({
  isOpen,
  endpoint,
  onClose,
  onSaved,
}: {
  isOpen: boolean
  endpoint: WebhookEndpoint | null
  onClose: () => void
  onSaved: (endpoint: WebhookEndpoint, isNew: boolean) => void
}) {
  return (
    <Dialog
      isOpen={isOpen}
      title={endpoint ? 'Edit webhook endpoint' : 'Add webhook endpoint'}
      description="Tandem sends each chosen event to this address as a signed POST (Standard Webhooks)."
      onClose={onClose}
    >
      <EndpointForm key={endpoint?.id ?? 'new'} endpoint={endpoint} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  )
}

function EndpointForm({
  endpoint,
  onCancel,
  onSaved,
}: {
  endpoint: WebhookEndpoint | null
  onCancel: () => void
  onSaved: (endpoint: WebhookEndpoint, isNew: boolean) => void
}) {
  const create = useCreateWebhookEndpoint()
  const update = useUpdateWebhookEndpoint()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const { values, change } = useFieldValues(
    {
      url: endpoint?.url ?? '',
      description: endpoint?.description ?? '',
      eventTypes: endpoint?.eventTypes ?? ([] as WebhookEventType[]),
      isEnabled: endpoint?.isEnabled ?? true,
    },
    clearField,
  )
  const fields = ['url', 'description', 'eventTypes']

  function toggle(type: WebhookEventType, isChecked: boolean) {
    const chosen = new Set(values.eventTypes)
    if (isChecked) chosen.add(type)
    else chosen.delete(type)
    change(
      'eventTypes',
      eventTypes.filter((each) => chosen.has(each)),
    )
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const onError = (error: unknown) => failWith(error, fields)
    if (endpoint) {
      const result = validateWith(UpdateWebhookEndpointBodySchema, values)
      if (result.errors) return fail(result.errors)
      update.mutate(
        { endpointId: endpoint.id, body: result.data },
        { onSuccess: (saved) => onSaved(saved, false), onError },
      )
    } else {
      const result = validateWith(CreateWebhookEndpointBodySchema, values)
      if (result.errors) return fail(result.errors)
      create.mutate(result.data, { onSuccess: (saved) => onSaved(saved, true), onError })
    }
  }

  const eventsErrorId = 'webhook-events-error'
  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <FormErrorSummary message={formError} />
      <TextField
        label="Endpoint URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        hint="https:// address of the receiving system"
        value={values.url}
        onChange={(event) => change('url', event.target.value)}
        error={fieldMessage('Endpoint URL', fieldErrors.url)}
        data-autofocus
      />
      <TextField
        label="Description"
        isOptional
        value={values.description}
        onChange={(event) => change('description', event.target.value)}
        error={fieldMessage('Description', fieldErrors.description)}
      />
      <fieldset
        className="fieldset stack"
        aria-invalid={fieldErrors.eventTypes ? true : undefined}
        aria-describedby={fieldErrors.eventTypes ? eventsErrorId : undefined}
      >
        <legend>Events to send</legend>
        {eventTypes.map((type) => (
          <Checkbox
            key={type}
            label={
              <>
                {eventLabels[type]} <code className="muted">{type}</code>
              </>
            }
            checked={values.eventTypes.includes(type)}
            onChange={(event) => toggle(type, event.target.checked)}
          />
        ))}
        {fieldErrors.eventTypes ? (
          <p id={eventsErrorId} className="field-error">
            {fieldMessage('Events', fieldErrors.eventTypes)}
          </p>
        ) : null}
      </fieldset>
      <Checkbox
        label="On: send events to this endpoint"
        checked={values.isEnabled}
        onChange={(event) => change('isEnabled', event.target.checked)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={create.isPending || update.isPending}>
          {endpoint ? 'Save' : 'Add endpoint'}
        </Button>
      </DialogActions>
    </form>
  )
}
