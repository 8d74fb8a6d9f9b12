import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type RefObject, useRef, useState } from 'react'
import type { FitAndExits, YesNoUnsure } from '#contracts/fit-and-exits.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog, Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate } from '#web/lib/format.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { workspaceQueryKey } from '../api/keys.ts'
import { useAnswerClosingSurvey } from '../api/use-answer-closing-survey.ts'
import { useAnswerFit } from '../api/use-answer-fit.ts'
import { useAskRepair } from '../api/use-ask-repair.ts'
import { useCompleteMatch } from '../api/use-complete-match.ts'
import { useDissolveMatch } from '../api/use-dissolve-match.ts'
import { useFitAndExits } from '../api/use-fit-and-exits.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { useWithdrawRepair } from '../api/use-withdraw-repair.ts'
import { type Choice, ChoiceGroup, scaleChoices } from './choice-group.tsx'
import { partnerWords } from './partner-words.ts'

const FIT_WORDS = ['Poor fit', 'Weak fit', 'Fair fit', 'Good fit', 'Great fit'] as const
const SATISFACTION_WORDS = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'] as const
const SKILL_WORDS = ['Beginner', 'Developing', 'Capable', 'Strong', 'Expert'] as const
const YES_NO_UNSURE: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Not sure' },
]
const RECOMMEND_CHOICES: Choice[] = Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }))
const answerWord = (value: YesNoUnsure) => YES_NO_UNSURE.find((c) => c.value === value)?.label ?? value

/** Pairing fit, re-pairing, completing or ending the match, and the closing survey: the viewer's own answers only. */
export function FitAndExitsSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const state = useFitAndExits(matchId)
  const threshold = usePrivacyThreshold()
  const [announcement, setAnnouncement] = useState<string | null>(null)
  return (
    <section className="card stack" aria-labelledby="fit-and-exits-heading">
      <h2 id="fit-and-exits-heading" className="card-title">
        How the pairing is going
      </h2>
      <Announcement message={announcement} />
      {state.isError ? (
        <ErrorState error={state.error} onRetry={() => state.refetch()} />
      ) : !state.data ? (
        <LoadingState label="Loading…" />
      ) : (
        <>
          <MatchEnd state={state.data} />
          <FitQuestion
            matchId={matchId}
            state={state.data}
            notice={privacyNotice('fit', threshold, partnerWords(workspace))}
            onDone={setAnnouncement}
          />
          <Repairing matchId={matchId} state={state.data} partner={partnerWords(workspace)} onDone={setAnnouncement} />
          <EndTheMatch
            matchId={matchId}
            state={state.data}
            partner={partnerWords(workspace)}
            onDone={setAnnouncement}
          />
          <ClosingSurvey
            matchId={matchId}
            state={state.data}
            notice={privacyNotice('closing_survey', threshold, partnerWords(workspace))}
            onDone={setAnnouncement}
          />
        </>
      )}
    </section>
  )
}

function MatchEnd({ state }: { state: FitAndExits }) {
  if (state.matchStatus === 'completed') {
    return <p style={{ margin: 0 }}>This match was completed on {formatDate(state.endedAt)}.</p>
  }
  if (state.matchStatus === 'dissolved') {
    return <p style={{ margin: 0 }}>This match ended on {formatDate(state.endedAt)}.</p>
  }
  if (state.matchStatus === 'published') {
    return (
      <p className="muted" style={{ margin: 0 }}>
        Once everyone has accepted the match, you can tell us how it fits, ask to be re-paired or end it here.
      </p>
    )
  }
  return null
}

type Done = (message: string) => void

function FitQuestion({
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

function Repairing({
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

/** The form inside a dialog that asks a member for their reason (to be re-paired, to end the match). */
function ReasonForm({
  formRef,
  errors,
  label,
  hint,
  reason,
  onReason,
  submitLabel,
  isDanger = false,
  isPending,
  onSubmit,
  onCancel,
}: {
  formRef: RefObject<HTMLFormElement | null>
  errors: ReturnType<typeof useFormErrors>
  label: string
  hint?: string
  reason: string
  onReason: (reason: string) => void
  submitLabel: string
  isDanger?: boolean
  isPending: boolean
  onSubmit: (event: FormEvent) => void
  onCancel: () => void
}) {
  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <TextAreaField
        label={label}
        hint={hint}
        rows={4}
        maxLength={2000}
        value={reason}
        error={errors.fieldErrors.reason}
        onChange={(event) => {
          onReason(event.target.value)
          errors.clearField('reason')
        }}
      />
      <FormErrorSummary message={errors.formError} />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={isDanger ? 'danger' : undefined} isLoading={isPending}>
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  )
}

function EndTheMatch({
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
  const queryClient = useQueryClient()
  const complete = useCompleteMatch(matchId)
  const dissolve = useDissolveMatch(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [dialog, setDialog] = useState<'complete' | 'end' | null>(null)
  const [reason, setReason] = useState('')
  if (!state.canComplete && !state.canDissolve) return null

  async function submitEnd(event: FormEvent) {
    event.preventDefault()
    if (!reason.trim()) return errors.fail({ reason: 'Say why you are ending the match' })
    errors.clear()
    try {
      await dissolve.mutateAsync({ reason })
      setDialog(null)
      setReason('')
      // The page turns read-only: the other sections close, this one stays with the closing survey.
      queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId), exact: true })
      onDone('The match has ended. Please answer the closing survey below.')
    } catch (error) {
      errors.failWith(error, ['reason'])
    }
  }

  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">Finishing the match</h3>
      <p className="muted" style={{ margin: 0 }}>
        When you have reached what you set out to do, complete the match. If it is not working, you can end it early.
        {state.canComplete ? null : ' The match can be completed once the program is running.'}
      </p>
      <div className="row">
        {state.canComplete ? (
          <Button
            onClick={() => {
              complete.reset()
              setDialog('complete')
            }}
          >
            Complete this match
          </Button>
        ) : null}
        {state.canDissolve ? (
          <Button
            variant="danger"
            onClick={() => {
              errors.clear()
              setDialog('end')
            }}
          >
            End this match
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={dialog === 'complete'}
        title="Complete this match?"
        confirmLabel="Complete the match"
        isPending={complete.isPending}
        error={complete.isError ? errorMessage(complete.error) : null}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          try {
            await complete.mutateAsync()
            setDialog(null)
            queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId), exact: true })
            onDone('The match is complete. Please answer the closing survey below.')
          } catch {
            // shown in the dialog
          }
        }}
      >
        The match is marked completed for everyone in it, and the closing survey opens.
      </ConfirmDialog>
      <Dialog
        isOpen={dialog === 'end'}
        title="End this match"
        description={`The match ends for everyone in it. ${privacyNotice('end_match', null, partner)}`}
        onClose={() => setDialog(null)}
      >
        <ReasonForm
          formRef={formRef}
          errors={errors}
          label="Why are you ending the match?"
          reason={reason}
          onReason={setReason}
          submitLabel="End the match"
          isDanger
          isPending={dissolve.isPending}
          onSubmit={submitEnd}
          onCancel={() => setDialog(null)}
        />
      </Dialog>
    </div>
  )
}

function ClosingSurvey({
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
  const answer = useAnswerClosingSurvey(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [satisfaction, setSatisfaction] = useState<string | undefined>()
  const [recommend, setRecommend] = useState<string | undefined>()
  const [skills, setSkills] = useState<Record<string, string>>({})
  const [intent, setIntent] = useState<string | undefined>()
  const [comment, setComment] = useState('')

  if (state.myClosingSurvey) {
    return (
      <div className="stack" style={{ gap: 8 }}>
        <h3 className="subheading">Closing survey</h3>
        <p style={{ margin: 0 }}>
          Thank you: you answered the closing survey on {formatDate(state.myClosingSurvey.answeredAt)}.
        </p>
      </div>
    )
  }
  if (!state.isClosingSurveyOpen) return null

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (!satisfaction) missing.satisfaction = 'Choose how satisfied you are'
    if (!recommend) missing.wouldRecommend = 'Choose a number from 0 to 10'
    for (const skill of state.focusSkills) {
      if (!skills[skill.slug]) missing[`selfAssessment.${skill.slug}`] = `Rate your ${skill.name.toLowerCase()} now`
    }
    if (Object.keys(missing).length > 0) return errors.fail(missing)
    errors.clear()
    try {
      await answer.mutateAsync({
        satisfaction: Number(satisfaction),
        wouldRecommend: Number(recommend),
        selfAssessment: Object.fromEntries(state.focusSkills.map((s) => [s.slug, Number(skills[s.slug])])),
        intentToStay: (intent as YesNoUnsure | undefined) ?? null,
        comment,
      })
      onDone('Thank you for answering the closing survey.')
    } catch (error) {
      errors.failWith(error, [
        'satisfaction',
        'wouldRecommend',
        'intentToStay',
        'comment',
        ...state.focusSkills.map((s) => `selfAssessment.${s.slug}`),
      ])
    }
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="closing-survey-heading">
      <h3 id="closing-survey-heading" className="subheading">
        Closing survey
      </h3>
      <p className="muted" style={{ margin: 0 }}>
        A few questions on how the match went.
      </p>
      <p className="muted" style={{ margin: 0 }} data-privacy-notice="closing_survey">
        {notice}
      </p>
      <ChoiceGroup
        legend="How satisfied are you with this match?"
        options={scaleChoices(SATISFACTION_WORDS)}
        value={satisfaction}
        error={errors.fieldErrors.satisfaction}
        onChange={(value) => {
          setSatisfaction(value)
          errors.clearField('satisfaction')
        }}
      />
      <ChoiceGroup
        legend="How likely are you to recommend this program to a colleague?"
        hint="0 is not at all likely, 10 is extremely likely."
        options={RECOMMEND_CHOICES}
        value={recommend}
        error={errors.fieldErrors.wouldRecommend}
        onChange={(value) => {
          setRecommend(value)
          errors.clearField('wouldRecommend')
        }}
      />
      {state.focusSkills.length > 0 ? (
        <div className="stack" style={{ gap: 12 }}>
          <h4 className="subheading">Your focus skills now</h4>
          {state.focusSkills.map((skill) => (
            <ChoiceGroup
              key={skill.slug}
              legend={skill.name}
              options={scaleChoices(SKILL_WORDS)}
              value={skills[skill.slug]}
              error={errors.fieldErrors[`selfAssessment.${skill.slug}`]}
              onChange={(value) => {
                setSkills((current) => ({ ...current, [skill.slug]: value }))
                errors.clearField(`selfAssessment.${skill.slug}`)
              }}
            />
          ))}
        </div>
      ) : null}
      <ChoiceGroup
        legend="Do you intend to stay with the organization?"
        isOptional
        options={YES_NO_UNSURE}
        value={intent}
        error={errors.fieldErrors.intentToStay}
        onChange={setIntent}
      />
      <TextAreaField
        label="Anything else you would like to tell us?"
        isOptional
        rows={3}
        maxLength={2000}
        value={comment}
        error={errors.fieldErrors.comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <FormErrorSummary message={errors.formError} />
      <div>
        <Button type="submit" isLoading={answer.isPending}>
          Send the closing survey
        </Button>
      </div>
    </form>
  )
}
