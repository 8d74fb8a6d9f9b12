import { type FormEvent, useRef, useState } from 'react'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import {
  CreateCheckInBodySchema,
  type MatchCheckInState,
  MOOD_WORDS,
  STRESS_WORDS,
  type WellbeingMoment,
} from '#contracts/wellbeing.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useMyCheckIns } from '../api/use-my-check-ins.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { useRecordCheckIn } from '../api/use-record-check-in.ts'
import { type Choice, ChoiceGroup, scaleChoices } from './choice-group.tsx'
import { partnerWords } from './partner-words.ts'
import { SupportRequest } from './support-request.tsx'
import { WellbeingTrend } from './wellbeing-trend.tsx'

const MOMENT_CHOICES: Choice[] = [
  { value: 'before', label: 'Before a session' },
  { value: 'after', label: 'After a session' },
  { value: 'anytime', label: 'Anytime' },
]

/** Wellbeing: my check-ins (private), my trend, and "I'd like support" (sent only with my consent). */
export function WellbeingSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const threshold = usePrivacyThreshold()
  return (
    <section className="card stack" aria-labelledby="wellbeing-heading">
      <h2 id="wellbeing-heading" className="card-title">
        Wellbeing
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        Check in on your mood and stress before and after your sessions.{' '}
        <span data-privacy-notice="check_in">{privacyNotice('check_in', threshold, partnerWords(workspace))}</span>
      </p>
      <CheckInForm matchId={matchId} />
      <WellbeingTrend />
      <SupportRequest matchId={matchId} programName={workspace.program.name} />
    </section>
  )
}

type SessionState = MatchCheckInState['sessions'][number]

/** The session a check-in most likely means: the next one before it starts, the last one after it. */
function suggestSession(sessions: SessionState[], moment: WellbeingMoment, now = Date.now()): string {
  const open = sessions.filter((s) => s.status !== 'cancelled')
  if (moment === 'before') {
    const next = open.find((s) => !s.hasBefore && new Date(s.startsAt).getTime() >= now - 3_600_000)
    return (next ?? open.find((s) => !s.hasBefore))?.sessionId ?? ''
  }
  if (moment === 'after') {
    const past = open.filter((s) => !s.hasAfter && new Date(s.startsAt).getTime() <= now)
    return (past[past.length - 1] ?? open.find((s) => !s.hasAfter))?.sessionId ?? ''
  }
  return ''
}

function sessionLabel(session: SessionState): string {
  const done = [session.hasBefore ? 'before' : null, session.hasAfter ? 'after' : null].filter(Boolean)
  return `${formatDateTime(session.startsAt)}${done.length ? ` (checked in ${done.join(' and ')})` : ''}`
}

function CheckInForm({ matchId }: { matchId: string }) {
  const state = useMyCheckIns(matchId)
  const record = useRecordCheckIn(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [chosenMoment, setChosenMoment] = useState<WellbeingMoment | null>(null)
  const [chosenSession, setChosenSession] = useState<string | null>(null)
  const [mood, setMood] = useState<string | undefined>()
  const [stress, setStress] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const [saved, setSaved] = useState<string | null>(null)

  if (state.isError) {
    return <ErrorState error={state.error} title="Your check-ins could not be loaded" onRetry={() => state.refetch()} />
  }
  if (!state.data) return <LoadingState label="Loading your check-ins…" />
  const sessions = state.data.sessions.filter((s) => s.status !== 'cancelled')
  const moment: WellbeingMoment = chosenMoment ?? (sessions.length > 0 ? 'before' : 'anytime')
  const sessionId = moment === 'anytime' ? '' : (chosenSession ?? suggestSession(sessions, moment))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaved(null)
    const missing: Record<string, string> = {}
    if (!mood) missing.mood = 'Choose how your mood is'
    if (!stress) missing.stress = 'Choose how stressed you feel'
    if (moment !== 'anytime' && !sessionId) missing.sessionId = 'Choose the session'
    if (Object.keys(missing).length > 0) return errors.fail(missing)
    const checked = validateWith(CreateCheckInBodySchema, {
      moment,
      sessionId: moment === 'anytime' ? null : sessionId,
      mood: Number(mood),
      stress: Number(stress),
      note,
    })
    if (checked.errors) return errors.fail(checked.errors)
    errors.clear()
    try {
      await record.mutateAsync(checked.data)
      setMood(undefined)
      setStress(undefined)
      setNote('')
      setChosenSession(null)
      setSaved('Check-in saved. Only you can see it.')
    } catch (error) {
      errors.failWith(error, ['mood', 'stress', 'note', 'sessionId'])
    }
  }

  const latest = state.data.latest
  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="check-in-heading">
      <h3 id="check-in-heading" className="subheading">
        Check in
      </h3>
      {latest ? (
        <p className="muted" style={{ margin: 0 }}>
          Your last check-in here: {formatDateTime(latest.createdAt)}.
        </p>
      ) : null}
      <ChoiceGroup
        legend="When are you checking in?"
        options={MOMENT_CHOICES}
        value={moment}
        onChange={(value) => {
          setChosenMoment(value as WellbeingMoment)
          setChosenSession(null)
          errors.clearField('sessionId')
        }}
      />
      {moment !== 'anytime' ? (
        sessions.length > 0 ? (
          <SelectField
            label="Session"
            placeholder="Choose a session"
            options={sessions.map((s) => ({ value: s.sessionId, label: sessionLabel(s) }))}
            value={sessionId}
            error={errors.fieldErrors.sessionId}
            onChange={(event) => {
              setChosenSession(event.target.value)
              errors.clearField('sessionId')
            }}
          />
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            No sessions are scheduled yet: check in anytime instead.
          </p>
        )
      ) : null}
      <ChoiceGroup
        legend="Mood"
        hint="How are you feeling right now?"
        options={scaleChoices(MOOD_WORDS)}
        value={mood}
        error={errors.fieldErrors.mood}
        onChange={(value) => {
          setMood(value)
          errors.clearField('mood')
        }}
      />
      <ChoiceGroup
        legend="Stress"
        hint="How stressed do you feel?"
        options={scaleChoices(STRESS_WORDS)}
        value={stress}
        error={errors.fieldErrors.stress}
        onChange={(value) => {
          setStress(value)
          errors.clearField('stress')
        }}
      />
      <TextAreaField
        label="Private note"
        isOptional
        hint="Only you can see this."
        rows={3}
        maxLength={2000}
        value={note}
        error={errors.fieldErrors.note}
        onChange={(event) => setNote(event.target.value)}
      />
      <FormErrorSummary message={errors.formError} />
      <Announcement message={saved} />
      <div>
        <Button type="submit" isLoading={record.isPending} disabled={moment !== 'anytime' && sessions.length === 0}>
          Save check-in
        </Button>
      </div>
    </form>
  )
}
