import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { useRequestSupport } from '../api/use-request-support.ts'
import { useSupportRequests } from '../api/use-support-requests.ts'

function namesList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** "I'd like support": ask the program's support contact for help, only with my consent. */
export function SupportRequest({ matchId, programName }: { matchId: string; programName: string }) {
  const list = useSupportRequests(matchId)
  const send = useRequestSupport(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const consentErrorId = `consent${useId().replace(/:/g, '')}-error`
  const [message, setMessage] = useState('')
  const [consent, setConsent] = useState(false)
  const [sent, setSent] = useState<string | null>(null)

  let body: ReactNode
  if (list.isError) {
    body = <ErrorState error={list.error} onRetry={() => list.refetch()} />
  } else if (!list.data) {
    body = <LoadingState label="Loading support…" />
  } else if (list.data.recipients.length === 0) {
    body = (
      <Alert tone="info" isLive={false}>
        Nobody can receive support requests for {programName} yet. Please contact your HR team directly.
      </Alert>
    )
  } else {
    const names = namesList(list.data.recipients.map((r) => r.name))
    const requests = list.data.requests
    const submit = async (event: FormEvent) => {
      event.preventDefault()
      setSent(null)
      const missing: Record<string, string> = {}
      if (!message.trim()) missing.message = 'Write the message you would like to send'
      if (!consent) missing.consent = `Tick the box to agree that your message goes to ${names}`
      if (Object.keys(missing).length > 0) return errors.fail(missing)
      errors.clear()
      try {
        await send.mutateAsync({ message, consent: true })
        setMessage('')
        setConsent(false)
        setSent(`Your message was sent to ${names}.`)
      } catch (error) {
        if (isApiError(error, 'support_consent_required')) errors.fail({ consent: error.message })
        else errors.failWith(error, ['message'])
      }
    }
    body = (
      <>
        <p style={{ margin: 0 }}>
          {list.data.isSupportContact
            ? `Your message goes to ${names}, the support contact of ${programName}.`
            : `${programName} has no support contact, so your message goes to ${names}, who manage${list.data.recipients.length === 1 ? 's' : ''} programs.`}{' '}
          Only this message, your name and your email are sent: never your check-ins.
        </p>
        <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="I'd like support">
          <TextAreaField
            label="Your message"
            rows={3}
            maxLength={2000}
            value={message}
            error={errors.fieldErrors.message}
            onChange={(event) => {
              setMessage(event.target.value)
              errors.clearField('message')
            }}
          />
          <div>
            <Checkbox
              label={`I agree that this message, my name and my email are sent to ${names}`}
              checked={consent}
              aria-invalid={errors.fieldErrors.consent ? true : undefined}
              aria-describedby={errors.fieldErrors.consent ? consentErrorId : undefined}
              onChange={(event) => {
                setConsent(event.target.checked)
                errors.clearField('consent')
              }}
            />
            {errors.fieldErrors.consent ? (
              <FieldError id={consentErrorId} message={errors.fieldErrors.consent} />
            ) : null}
          </div>
          <FormErrorSummary message={errors.formError} />
          <Announcement message={sent} />
          <div>
            <Button type="submit" variant="secondary" isLoading={send.isPending}>
              Send support request
            </Button>
          </div>
        </form>
        {requests.length > 0 ? (
          <div className="stack" style={{ gap: 8 }}>
            <h4 className="subheading">Your past requests</h4>
            <ul className="stack" style={{ gap: 8, margin: 0, paddingLeft: 20 }}>
              {requests.map((r) => (
                <li key={r.id}>
                  <span className="muted">{formatDateTime(r.createdAt)}:</span>{' '}
                  <span style={{ whiteSpace: 'pre-wrap' }}>{r.message}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </>
    )
  }
  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">I'd like support</h3>
      <p className="muted" style={{ margin: 0 }}>
        If things are hard, ask for support. Nothing is stored or sent unless you agree to it.
      </p>
      {body}
    </div>
  )
}
