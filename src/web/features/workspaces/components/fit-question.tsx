import { type FormEvent, useRef, useState } from 'react'
import type { FitAndExits, YesNoUnsure } from '#contracts/fit-and-exits.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog } from '#web/components/ui/dialog.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate } from '#web/lib/format.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { useAnswerFit } from '../api/use-answer-fit.ts'
import { useAskRepair } from '../api/use-ask-repair.ts'
import { useWithdrawRepair } from '../api/use-withdraw-repair.ts'
import { ChoiceGroup, scaleChoices } from './choice-group.tsx'
import { answerWord, type Done, FIT_WORDS, YES_NO_UNSURE } from './exit-words.ts'
import { ReasonForm } from './reason-form.tsx'

/** "How is the pairing going?": a fit rating and whether to keep pairing, then the viewer's answer. */
export function FitQuestion({
  matchId,
  state,
  notice,
  onDone,
}: {
  matchId: string
  state: FitAndExits
  notice: string
  onDone: Done
}) {
  const answer = useAnswerFit(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [fit, setFit] = useState<string | undefined>()
  const [keep, setKeep] = useState<string | undefined>()
  const [comment, setComment] = useState('')

  if (state.myFit) {
    return (
      <div className="stack" style={{ gap: 8 }}>
        <h3 className="subheading">Pairing fit</h3>
        <p style={{ margin: 0 }}>
          You rated the fit {state.myFit.fit} of 5 ({FIT_WORDS[state.myFit.fit - 1]?.toLowerCase()}) and answered “
          {answerWord(state.myFit.keepPairing)}” to keeping this pairing.
        </p>
      </div>
    )
  }
  if (state.matchStatus === 'dissolved' || state.matchStatus === 'published') return null
  if (!state.hasFirstSession) {
    return (
      <div className="stack" style={{ gap: 8 }}>
        <h3 className="subheading">Pairing fit</h3>
        <p className="muted" style={{ margin: 0 }}>
          After your first session you will be asked how well this pairing fits you.
        </p>
      </div>
    )
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (!fit) missing.fit = 'Choose how well the pairing fits'
    if (!keep) missing.keepPairing = 'Say whether you would like to keep this pairing'
    if (Object.keys(missing).length > 0) return errors.fail(missing)
    errors.clear()
    try {
      await answer.mutateAsync({ fit: Number(fit), keepPairing: keep as YesNoUnsure, comment })
      onDone('Thank you: your answer on the pairing fit is saved.')
    } catch (error) {
      errors.failWith(error, ['fit', 'keepPairing', 'comment'])
    }
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="fit-heading">
      <h3 id="fit-heading" className="subheading">
        Pairing fit
      </h3>
      <p className="muted" style={{ margin: 0 }}>
        Now that you have met, how is the pairing working for you?
      </p>
      <p className="muted" style={{ margin: 0 }} data-privacy-notice="fit">
        {notice}
      </p>
      <ChoiceGroup
        legend="How well does this pairing fit you?"
        options={scaleChoices(FIT_WORDS)}
        value={fit}
        error={errors.fieldErrors.fit}
        onChange={(value) => {
          setFit(value)
          errors.clearField('fit')
        }}
      />
      <ChoiceGroup
        legend="Would you like to keep this pairing?"
        options={YES_NO_UNSURE}
        value={keep}
        error={errors.fieldErrors.keepPairing}
        onChange={(value) => {
          setKeep(value)
          errors.clearField('keepPairing')
        }}
      />
      <TextAreaField
        label="Comment on the pairing"
        isOptional
        rows={2}
        maxLength={2000}
        value={comment}
        error={errors.fieldErrors.comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <FormErrorSummary message={errors.formError} />
      <div>
        <Button type="submit" isLoading={answer.isPending}>
          Send my answer
        </Button>
      </div>
    </form>
  )
}

/** Asking to be re-paired (with a reason), or the request already made and withdrawing it. */
export function Repairing({
  matchId,
  state,
  partner,
  onDone,
}: {
  matchId: string
  state: FitAndExits
  partner: string
  onDone: Done
}) {
  const ask = useAskRepair(matchId)
  const withdraw = useWithdrawRepair(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [isOpen, setIsOpen] = useState(false)
  const [reason, setReason] = useState('')
  const request = state.myRepairRequest
  const isOpenRequest = request?.status === 'open'
  if (!state.canAskRepair && !isOpenRequest) {
    if (request?.status === 'resolved' && request.resolvedAt) {
      return (
        <p style={{ margin: 0 }}>
          The program manager handled your re-pair request on {formatDate(request.resolvedAt)}.
        </p>
      )
    }
    return null
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!reason.trim()) return errors.fail({ reason: 'Say why you would like a new partner' })
    errors.clear()
    try {
      await ask.mutateAsync({ reason })
      setIsOpen(false)
      setReason('')
      onDone('Your re-pair request was sent to the program manager.')
    } catch (error) {
      errors.failWith(error, ['reason'])
    }
  }

  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">Re-pairing</h3>
      {isOpenRequest && request ? (
        <>
          <p style={{ margin: 0 }}>
            You asked to be re-paired on {formatDate(request.createdAt)}.{' '}
            {privacyNotice('repair_request', null, partner)}
          </p>
          {withdraw.isError ? <Alert tone="error">{errorMessage(withdraw.error)}</Alert> : null}
          <div>
            <Button
              variant="secondary"
              isLoading={withdraw.isPending}
              onClick={async () => {
                try {
                  await withdraw.mutateAsync(request.id)
                  onDone('Your re-pair request was withdrawn.')
                } catch {
                  // shown above
                }
              }}
            >
              Withdraw my request
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="muted" style={{ margin: 0 }}>
            If this pairing is not working, you can ask the program manager for a new partner.
          </p>
          <div>
            <Button
              variant="secondary"
              onClick={() => {
                errors.clear()
                setIsOpen(true)
              }}
            >
              Ask to be re-paired
            </Button>
          </div>
        </>
      )}
      <Dialog
        isOpen={isOpen}
        title="Ask to be re-paired"
        description={privacyNotice('repair_request', null, partner)}
        onClose={() => setIsOpen(false)}
      >
        <ReasonForm
          formRef={formRef}
          errors={errors}
          label="Reason"
          hint="What is not working? This helps the program manager find you a better partner."
          reason={reason}
          onReason={setReason}
          submitLabel="Send request"
          isPending={ask.isPending}
          onSubmit={submit}
          onCancel={() => setIsOpen(false)}
        />
      </Dialog>
    </div>
  )
}
