import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import {
  CreateCheckInBodySchema,
  type MatchCheckInState,
  MOOD_WORDS,
  type MyWellbeing,
  STRESS_WORDS,
  type WellbeingMoment,
} from '#contracts/wellbeing.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Bar } from '#web/components/ui/bar.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDate, formatDateTime } from '#web/lib/format.ts'
import { useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useMyCheckIns } from '../api/use-my-check-ins.ts'
import { useMyWellbeing } from '../api/use-my-wellbeing.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { useRecordCheckIn } from '../api/use-record-check-in.ts'
import { useRequestSupport } from '../api/use-request-support.ts'
import { useSupportRequests } from '../api/use-support-requests.ts'
import { type Choice, ChoiceGroup, scaleChoices } from './choice-group.tsx'
import { partnerWords } from './partner-words.ts'

const MOMENT_CHOICES: Choice[] = [
  { value: 'before', label: 'Before a session' },
  { value: 'after', label: 'After a session' },
  { value: 'anytime', label: 'Anytime' },
]

function namesList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

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

const trendBarStyle = { width: 96, display: 'inline-block', verticalAlign: 'middle' } as const

const signed = (value: number) => (value > 0 ? `+${value}` : String(value))

function WellbeingTrend() {
  const wellbeing = useMyWellbeing()
  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">Your trend</h3>
      <p className="muted" style={{ margin: 0 }}>
        Across all your matches. Only you can see this.
      </p>
      {wellbeing.isError ? (
        <ErrorState
          error={wellbeing.error}
          title="Your trend could not be loaded"
          onRetry={() => wellbeing.refetch()}
        />
      ) : !wellbeing.data ? (
        <LoadingState label="Loading your trend…" />
      ) : wellbeing.data.checkIns.length === 0 ? (
        <p style={{ margin: 0 }}>No check-ins yet. Your trend appears after your first check-in.</p>
      ) : (
        <TrendTables wellbeing={wellbeing.data} />
      )}
    </div>
  )
}

function TrendTables({ wellbeing }: { wellbeing: MyWellbeing }) {
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>Average mood and stress per week (1 low, 5 high)</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Check-ins</th>
              <th scope="col">Mood</th>
              <th scope="col">Stress</th>
            </tr>
          </thead>
          <tbody>
            {wellbeing.weekly.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{formatDate(`${week.weekStart}T12:00:00`)}</th>
                <td>{week.checkIns}</td>
                <td>
                  <span className="row" style={{ gap: 8 }}>
                    <Bar value={week.averageMood} max={5} style={trendBarStyle} />
                    {week.averageMood}
                  </span>
                </td>
                <td>
                  <span className="row" style={{ gap: 8 }}>
                    <Bar value={week.averageStress} max={5} style={trendBarStyle} />
                    {week.averageStress}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {wellbeing.sessionDeltas.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>How your sessions moved you (before to after)</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Mood</th>
                <th scope="col">Stress</th>
              </tr>
            </thead>
            <tbody>
              {wellbeing.sessionDeltas.map((delta) => (
                <tr key={delta.sessionId}>
                  <th scope="row">{delta.sessionStartsAt ? formatDateTime(delta.sessionStartsAt) : 'A session'}</th>
                  <td>
                    from {delta.before.mood} to {delta.after.mood} ({signed(delta.moodDelta)})
                  </td>
                  <td>
                    from {delta.before.stress} to {delta.after.stress} ({signed(delta.stressDelta)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Check in before and after the same session to see how it moved you.
        </p>
      )}
    </>
  )
}

function SupportRequest({ matchId, programName }: { matchId: string; programName: string }) {
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
