import { Link } from '@tanstack/react-router'
import { type FormEvent, useId, useRef, useState } from 'react'
import {
  CreateSessionBodySchema,
  SESSION_DEFAULT_MINUTES,
  SESSION_MAX_REPEAT,
  type Session,
  type SessionList,
  type SessionLocalTime,
  type SessionSlot,
  UpdateSessionBodySchema,
} from '#contracts/sessions.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button, buttonClassName } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { cadenceLabel, plural } from '#web/lib/format.ts'
import { type FieldErrors, fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useViewer } from '#web/lib/session.ts'
import { useCancelSession } from '../api/use-cancel-session.ts'
import { useChangeSession } from '../api/use-change-session.ts'
import { useMarkSession } from '../api/use-mark-session.ts'
import { useScheduleSession } from '../api/use-schedule-session.ts'
import { useSessionExercises } from '../api/use-session-exercises.ts'
import { useSessionSuggestions } from '../api/use-session-suggestions.ts'
import { useSessions } from '../api/use-sessions.ts'
import { clock, dayLabel, namesFrom, offsetLabel, rolesLine, spanLabel } from './session-words.ts'

// ---------------------------------------------------------------------------------------------
// Words and times. Local times come from the server, already in each member's own zone.

const statusTone: Record<Session['status'], BadgeTone> = {
  scheduled: 'primary',
  held: 'success',
  missed: 'warning',
  cancelled: 'neutral',
}
const statusWords: Record<Session['status'], string> = {
  scheduled: 'Scheduled',
  held: 'Held',
  missed: 'Missed',
  cancelled: 'Cancelled',
}

const durationOptions = [15, 30, 45, 60, 75, 90, 120, 150, 180, 240].map((minutes) => ({
  value: String(minutes),
  label: minutes < 60 || minutes % 60 ? `${minutes} minutes` : plural(minutes / 60, 'hour', 'hours'),
}))

// ---------------------------------------------------------------------------------------------

/** Sessions: schedule (with suggested times), the give-and-take balance, upcoming and past sessions. */
export function SessionsSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const sessions = useSessions(matchId)
  const viewer = useViewer()
  const [isScheduling, setIsScheduling] = useState(false)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  function announce(message: string) {
    setAnnouncement(message)
  }

  return (
    <section className="card stack" aria-labelledby="sessions-heading" aria-busy={sessions.isPending || undefined}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="sessions-heading" className="card-title" style={{ margin: 0 }}>
          Sessions
        </h2>
        {sessions.data?.canSchedule && !isScheduling ? (
          <Button
            id="schedule-session-button"
            onClick={() => {
              setAnnouncement(null)
              setIsScheduling(true)
            }}
          >
            Schedule a session
          </Button>
        ) : null}
      </div>
      <Announcement message={announcement} />
      {sessions.isError ? (
        <ErrorState
          error={sessions.error}
          onRetry={() => sessions.refetch()}
          title="The sessions could not be loaded"
        />
      ) : !sessions.data ? (
        <LoadingState label="Loading the sessions…" />
      ) : (
        <>
          <p className="muted" style={{ margin: 0 }}>
            Times are in your time zone ({sessions.data.myTimeZone}), with{' '}
            {workspace.partners.length === 1 ? 'your partner’s' : 'each partner’s'} local time beside them.
            {sessions.data.canSchedule
              ? ''
              : ' This match is completed: its sessions are kept but can no longer change.'}
          </p>
          <Balance list={sessions.data} workspace={workspace} viewerId={viewer.id} />
          {isScheduling ? (
            <ScheduleForm
              matchId={matchId}
              workspace={workspace}
              list={sessions.data}
              onCancel={() => {
                setIsScheduling(false)
                requestAnimationFrame(() => document.getElementById('schedule-session-button')?.focus())
              }}
              onScheduled={(created) => {
                setIsScheduling(false)
                const first = created[0]
                const mine = first?.localTimes.find((t) => t.personId === viewer.id)
                announce(
                  created.length > 1
                    ? `${created.length} sessions scheduled, the first on ${mine ? spanLabel(mine) : first?.startsAt}. Invitations were sent.`
                    : `Session scheduled for ${mine ? spanLabel(mine) : first?.startsAt}. An invitation was sent.`,
                )
                if (first) {
                  requestAnimationFrame(() => document.getElementById(`session-${first.id}-heading`)?.focus())
                }
              }}
            />
          ) : null}
          <SessionGroup
            title="Upcoming"
            empty={
              sessions.data.canSchedule
                ? 'No session planned. Schedule one: the suggested times fall inside everyone’s working hours.'
                : 'No session planned.'
            }
            sessions={sessions.data.upcoming}
            matchId={matchId}
            canChange={sessions.data.canSchedule}
            myTimeZone={sessions.data.myTimeZone}
            onAnnounce={announce}
          />
          <SessionGroup
            title="Past"
            empty="No past sessions yet."
            sessions={sessions.data.past}
            matchId={matchId}
            canChange={sessions.data.canSchedule}
            myTimeZone={sessions.data.myTimeZone}
            onAnnounce={announce}
          />
        </>
      )}
    </section>
  )
}

/** Give and take: who coached and who was coached in the sessions held, and who coaches next. */
function Balance({ list, workspace, viewerId }: { list: SessionList; workspace: Workspace; viewerId: string }) {
  const next = rolesLine(namesFrom(list.balance, viewerId), list.nextRoles.coachId, list.nextRoles.coacheeId)
  const heldCount = list.balance.reduce((sum, b) => sum + b.coached, 0)
  return (
    <div className="stack">
      <Table caption="Give and take">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Coached</th>
            <th scope="col">Was coached</th>
            <th scope="col">Coming up</th>
          </tr>
        </thead>
        <tbody>
          {list.balance.map((member) => (
            <tr key={member.personId}>
              <th scope="row">{member.personId === viewerId ? `${member.name} (you)` : member.name}</th>
              <td>{member.coached}</td>
              <td>{member.coachee}</td>
              <td>
                {member.scheduledAsCoach + member.scheduledAsCoachee === 0
                  ? '—'
                  : [
                      member.scheduledAsCoach ? `coaches ${member.scheduledAsCoach}` : '',
                      member.scheduledAsCoachee ? `coached in ${member.scheduledAsCoachee}` : '',
                    ]
                      .filter(Boolean)
                      .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="muted" style={{ margin: 0 }}>
        Counted over the {plural(heldCount, 'session', 'sessions')} held so far.
      </p>
      {next && list.canSchedule ? (
        <p style={{ margin: 0 }}>
          <strong>Next session:</strong> {next}.
          {workspace.program.type === 'peer_coaching' ? ' In peer coaching the roles swap every session.' : null}
          {workspace.program.type === 'coaching_circle' ? ' In a circle each member is coached in turn.' : null}
        </p>
      ) : null}
    </div>
  )
}

function SessionGroup({
  title,
  empty,
  sessions,
  matchId,
  canChange,
  myTimeZone,
  onAnnounce,
}: {
  title: string
  empty: string
  sessions: Session[]
  matchId: string
  canChange: boolean
  myTimeZone: string
  onAnnounce: (message: string) => void
}) {
  const headingId = useId()
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId} className="subheading">
        {title}
      </h3>
      {sessions.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {empty}
        </p>
      ) : (
        sessions.map((session) => (
          <SessionCard
            key={session.id}
            session={session}
            matchId={matchId}
            canChange={canChange}
            myTimeZone={myTimeZone}
            onAnnounce={onAnnounce}
          />
        ))
      )}
    </section>
  )
}

function SessionCard({
  session,
  matchId,
  canChange,
  myTimeZone,
  onAnnounce,
}: {
  session: Session
  matchId: string
  canChange: boolean
  myTimeZone: string
  onAnnounce: (message: string) => void
}) {
  const viewer = useViewer()
  const exercises = useSessionExercises()
  const mark = useMarkSession(matchId)
  const cancel = useCancelSession(matchId)
  const [isEditing, setIsEditing] = useState(false)
  const [isCancelling, setIsCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [markError, setMarkError] = useState<string | null>(null)
  const headingId = `session-${session.id}-heading`
  const mine = session.localTimes.find((t) => t.personId === viewer.id)
  const others = session.localTimes.filter((t) => t.personId !== viewer.id)
  const roles = rolesLine(namesFrom(session.localTimes, viewer.id), session.coachId, session.coacheeId)
  const hasStarted = Date.parse(session.startsAt) <= Date.now()
  const isScheduled = session.status === 'scheduled'
  const titles = new Map((exercises.data?.exercises ?? []).map((e) => [e.id, e.title]))
  const when = mine ? spanLabel(mine) : session.startsAt

  function markAs(status: 'held' | 'missed') {
    setMarkError(null)
    // mutateAsync: the card may move between the upcoming and past lists (remount) before it answers.
    mark.mutateAsync({ sessionId: session.id, body: { status } }).then(
      () => onAnnounce(`The session of ${when} is marked ${status}.`),
      (error: unknown) => setMarkError(errorMessage(error)),
    )
  }

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
        <h4 id={headingId} tabIndex={-1} style={{ margin: 0 }}>
          {when}
        </h4>
        <Badge tone={statusTone[session.status]}>{statusWords[session.status]}</Badge>
      </div>
      <ul className="stack" style={{ margin: 0, paddingLeft: '1.2em' }}>
        {mine && !mine.inWorkingHours ? <li>Outside your working hours ({myTimeZone}).</li> : null}
        {others.map((other) => (
          <li key={other.personId}>
            {other.name}: {spanLabel(other)} ({other.timeZone}, {offsetLabel(other.utcOffset)})
            {other.inWorkingHours ? '' : ', outside their working hours'}
          </li>
        ))}
      </ul>
      {roles ? <p style={{ margin: 0 }}>{roles}.</p> : null}
      <dl className="stack" style={{ margin: 0 }}>
        {session.location ? (
          <div>
            <dt className="muted">Place</dt>
            <dd style={{ margin: 0 }}>{session.location}</dd>
          </div>
        ) : null}
        {session.videoUrl ? (
          <div>
            <dt className="muted">Video call</dt>
            <dd style={{ margin: 0 }}>
              <a href={session.videoUrl} target="_blank" rel="noreferrer noopener">
                {session.videoUrl}
              </a>
            </dd>
          </div>
        ) : null}
        {session.focus ? (
          <div>
            <dt className="muted">Focus</dt>
            <dd style={{ margin: 0 }}>{session.focus}</dd>
          </div>
        ) : null}
        {session.exerciseIds.length > 0 ? (
          <div>
            <dt className="muted">Exercises</dt>
            <dd style={{ margin: 0 }}>{session.exerciseIds.map((id) => titles.get(id) ?? id).join(', ')}</dd>
          </div>
        ) : null}
        {session.agenda ? (
          <div>
            <dt className="muted">Agenda</dt>
            <dd style={{ margin: 0, whiteSpace: 'pre-line' }}>{session.agenda}</dd>
          </div>
        ) : null}
        {session.status === 'cancelled' && session.cancelReason ? (
          <div>
            <dt className="muted">Why it was cancelled</dt>
            <dd style={{ margin: 0 }}>{session.cancelReason}</dd>
          </div>
        ) : null}
      </dl>
      {markError ? <Alert tone="error">{markError}</Alert> : null}
      {isEditing ? (
        <RescheduleForm
          session={session}
          matchId={matchId}
          myTimeZone={myTimeZone}
          onCancel={() => {
            setIsEditing(false)
            requestAnimationFrame(() => document.getElementById(`session-${session.id}-reschedule`)?.focus())
          }}
          onSaved={(saved) => {
            setIsEditing(false)
            const time = saved.localTimes.find((t) => t.personId === viewer.id)
            onAnnounce(`The session is now on ${time ? spanLabel(time) : saved.startsAt}. The invitation was updated.`)
            requestAnimationFrame(() => document.getElementById(`session-${saved.id}-heading`)?.focus())
          }}
        />
      ) : (
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {session.status !== 'cancelled' && session.status !== 'missed' ? (
            <Link
              className={buttonClassName('primary', { size: 'small' })}
              to="/matches/$matchId/sessions/$sessionId/guide"
              params={{ matchId, sessionId: session.id }}
              aria-describedby={headingId}
            >
              Start session
            </Link>
          ) : null}
          <a
            className={buttonClassName('secondary', { size: 'small' })}
            href={`/api/sessions/${encodeURIComponent(session.id)}/invitation.ics`}
            download
            aria-describedby={headingId}
          >
            Download invitation
          </a>
          {canChange && isScheduled ? (
            <>
              <Button
                id={`session-${session.id}-reschedule`}
                variant="secondary"
                size="small"
                aria-describedby={headingId}
                onClick={() => setIsEditing(true)}
              >
                Reschedule
              </Button>
              <Button
                variant="danger"
                size="small"
                aria-describedby={headingId}
                onClick={() => {
                  cancel.reset()
                  setReason('')
                  setIsCancelling(true)
                }}
              >
                Cancel session
              </Button>
            </>
          ) : null}
          {canChange && hasStarted && session.status !== 'cancelled' ? (
            <>
              {session.status !== 'held' ? (
                <Button
                  variant="secondary"
                  size="small"
                  aria-describedby={headingId}
                  isLoading={mark.isPending && mark.variables?.body.status === 'held'}
                  onClick={() => markAs('held')}
                >
                  Mark held
                </Button>
              ) : null}
              {session.status !== 'missed' ? (
                <Button
                  variant="secondary"
                  size="small"
                  aria-describedby={headingId}
                  isLoading={mark.isPending && mark.variables?.body.status === 'missed'}
                  onClick={() => markAs('missed')}
                >
                  Mark missed
                </Button>
              ) : null}
            </>
          ) : null}
        </div>
      )}
      <ConfirmDialog
        isOpen={isCancelling}
        title="Cancel this session?"
        confirmLabel="Cancel session"
        tone="danger"
        isPending={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : null}
        onClose={() => setIsCancelling(false)}
        onConfirm={() =>
          cancel.mutateAsync({ sessionId: session.id, body: { reason } }).then(
            () => {
              setIsCancelling(false)
              onAnnounce(
                `The session of ${when} is cancelled. The other members were told and the invitation withdrawn.`,
              )
            },
            // The dialog shows the error from the mutation's state.
            () => undefined,
          )
        }
      >
        <div className="stack">
          <p style={{ margin: 0 }}>
            {when}. {others.map((o) => o.name).join(', ')} will be told, and the calendar invitation is withdrawn.
          </p>
          <TextAreaField
            label="Reason"
            isOptional
            hint="Shown to the other members and in the cancelled invitation."
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </ConfirmDialog>
    </article>
  )
}

// ---------------------------------------------------------------------------------------------
// Forms

function ExercisePicker({ selected, onToggle }: { selected: string[]; onToggle: (id: string) => void }) {
  const exercises = useSessionExercises()
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">
        Exercises<span className="field-optional"> (optional)</span>
      </legend>
      {exercises.isError ? (
        <ErrorState
          error={exercises.error}
          onRetry={() => exercises.refetch()}
          title="The library could not be loaded"
        />
      ) : !exercises.data ? (
        <LoadingState label="Loading the exercise library…" />
      ) : (
        <div className="stack" style={{ gap: 4 }}>
          {exercises.data.exercises.map((exercise) => (
            <Checkbox
              key={exercise.id}
              label={exercise.title}
              checked={selected.includes(exercise.id)}
              onChange={() => onToggle(exercise.id)}
            />
          ))}
        </div>
      )}
    </fieldset>
  )
}

function Suggestions({
  matchId,
  durationMinutes,
  viewerId,
  onPick,
}: {
  matchId: string
  durationMinutes: number
  viewerId: string
  onPick: (slot: SessionSlot, mine: SessionLocalTime) => void
}) {
  const suggestions = useSessionSuggestions(matchId, durationMinutes, true)
  if (suggestions.isError) {
    return (
      <ErrorState error={suggestions.error} onRetry={() => suggestions.refetch()} title="No suggestions right now" />
    )
  }
  if (!suggestions.data) return <LoadingState label="Finding times that suit everyone…" />
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">Suggested times</legend>
      {suggestions.data.slots.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No time in the next four weeks falls inside everyone’s working hours. Pick a time below.
        </p>
      ) : (
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {suggestions.data.slots.map((slot) => {
            const mine = slot.localTimes.find((t) => t.personId === viewerId)
            if (!mine) return null
            const others = slot.localTimes.filter((t) => t.personId !== viewerId)
            return (
              <Button key={slot.startsAt} variant="secondary" size="small" onClick={() => onPick(slot, mine)}>
                {dayLabel(mine.start)}, {clock(mine.start)}
                {others.length > 0 ? ` (${others.map((o) => `${o.name} ${clock(o.start)}`).join(', ')})` : ''}
              </Button>
            )
          })}
        </div>
      )}
    </fieldset>
  )
}

function ScheduleForm({
  matchId,
  workspace,
  list,
  onCancel,
  onScheduled,
}: {
  matchId: string
  workspace: Workspace
  list: SessionList
  onCancel: () => void
  onScheduled: (sessions: Session[]) => void
}) {
  const viewer = useViewer()
  const schedule = useScheduleSession(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [date, setDate] = useState('')
  const [time, setTime] = useState('')
  const [duration, setDuration] = useState(String(SESSION_DEFAULT_MINUTES))
  const [location, setLocation] = useState('')
  const [videoUrl, setVideoUrl] = useState('')
  const [focus, setFocus] = useState(workspace.agreement?.focus ?? '')
  const [exerciseIds, setExerciseIds] = useState<string[]>([])
  const [agenda, setAgenda] = useState('')
  const [count, setCount] = useState('1')
  const [picked, setPicked] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!date || !time) {
      return fail({
        ...(date ? {} : { date: 'Choose a date' }),
        ...(time ? {} : { startsAtLocal: 'Choose a start time' }),
      })
    }
    const result = validateWith(CreateSessionBodySchema, {
      startsAtLocal: `${date}T${time}`,
      timeZone: list.myTimeZone,
      durationMinutes: Number(duration),
      location,
      videoUrl: videoUrl.trim() || undefined,
      focus,
      exerciseIds,
      agenda,
      repeat: Number(count) > 1 ? { count: Number(count) } : undefined,
    })
    if (result.errors) return fail(result.errors)
    schedule.mutateAsync(result.data).then(
      (created) => onScheduled(created.sessions),
      (error: unknown) => {
        if (isApiError(error, 'match_read_only')) return fail({}, error.message)
        // Someone is already booked then: the message belongs under the start time.
        if (isApiError(error, 'session_overlaps')) return fail({ startsAtLocal: error.message })
        failWith(error, ['startsAtLocal', 'durationMinutes', 'location', 'videoUrl', 'focus', 'exerciseIds', 'agenda'])
      },
    )
  }

  return (
    <form ref={formRef} className="stack card" onSubmit={submit} noValidate aria-labelledby="schedule-form-heading">
      <h3 id="schedule-form-heading" className="subheading">
        Schedule a session
      </h3>
      <FormErrorSummary message={formError} />
      <Suggestions
        matchId={matchId}
        durationMinutes={Number(duration)}
        viewerId={viewer.id}
        onPick={(slot, mine) => {
          setDate(mine.start.slice(0, 10))
          setTime(clock(mine.start))
          setPicked(slot.startsAt)
          clearField('date')
          clearField('startsAtLocal')
        }}
      />
      <div role="status" aria-live="polite" className="visually-hidden">
        {picked && date && time ? `Date and time set to ${dayLabel(`${date}T${time}`)}, ${time}` : ''}
      </div>
      <SessionTimeFields
        dateLabel="Date"
        timeLabel="Start time"
        timeZone={list.myTimeZone}
        date={date}
        time={time}
        duration={duration}
        onDate={setDate}
        onTime={setTime}
        onDuration={setDuration}
        fieldErrors={fieldErrors}
        clearField={clearField}
      />
      <SessionPlaceFields
        placeHint="A room or an address; leave it empty for a video call."
        location={location}
        videoUrl={videoUrl}
        onLocation={setLocation}
        onVideoUrl={setVideoUrl}
        fieldErrors={fieldErrors}
        clearField={clearField}
      />
      <TextAreaField
        label="Focus"
        isOptional
        hint="What this session is about; your agreed focus to start with."
        maxLength={2000}
        rows={2}
        value={focus}
        onChange={(event) => setFocus(event.target.value)}
        error={fieldMessage('Focus', fieldErrors.focus)}
      />
      <ExercisePicker
        selected={exerciseIds}
        onToggle={(id) =>
          setExerciseIds((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]))
        }
      />
      {fieldErrors.exerciseIds ? <Alert tone="error">{fieldErrors.exerciseIds}</Alert> : null}
      <TextAreaField
        label="Agenda"
        isOptional
        maxLength={4000}
        rows={3}
        value={agenda}
        onChange={(event) => setAgenda(event.target.value)}
        error={fieldMessage('Agenda', fieldErrors.agenda)}
      />
      <SelectField
        label="Number of sessions"
        hint={`A series repeats ${cadenceLabel(list.cadenceDays)} (the program’s cadence) at the same local time.`}
        options={Array.from({ length: SESSION_MAX_REPEAT }, (_, index) => ({
          value: String(index + 1),
          label: index === 0 ? '1 (just this one)' : String(index + 1),
        }))}
        value={count}
        onChange={(event) => setCount(event.target.value)}
      />
      <div className="row">
        <Button type="submit" isLoading={schedule.isPending}>
          Schedule session
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

function RescheduleForm({
  session,
  matchId,
  myTimeZone,
  onCancel,
  onSaved,
}: {
  session: Session
  matchId: string
  myTimeZone: string
  onCancel: () => void
  onSaved: (session: Session) => void
}) {
  const viewer = useViewer()
  const change = useChangeSession(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const mine = session.localTimes.find((t) => t.personId === viewer.id)
  const [date, setDate] = useState(mine?.start.slice(0, 10) ?? '')
  const [time, setTime] = useState(mine ? clock(mine.start) : '')
  const [duration, setDuration] = useState(String(session.durationMinutes))
  const [location, setLocation] = useState(session.location)
  const [videoUrl, setVideoUrl] = useState(session.videoUrl ?? '')
  const [agenda, setAgenda] = useState(session.agenda)
  const headingId = `session-${session.id}-edit-heading`

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!date || !time) {
      return fail({
        ...(date ? {} : { date: 'Choose a date' }),
        ...(time ? {} : { startsAtLocal: 'Choose a start time' }),
      })
    }
    const isMoved = `${date}T${time}` !== mine?.start
    const result = validateWith(UpdateSessionBodySchema, {
      ...(isMoved ? { startsAtLocal: `${date}T${time}`, timeZone: myTimeZone } : {}),
      durationMinutes: Number(duration),
      location,
      videoUrl: videoUrl.trim() || null,
      agenda,
    })
    if (result.errors) return fail(result.errors)
    // mutateAsync: a rescheduled session may move to the other list (this form unmounts) before it answers.
    change.mutateAsync({ sessionId: session.id, body: result.data }).then(onSaved, (error: unknown) => {
      if (isApiError(error, 'session_not_scheduled') || isApiError(error, 'match_read_only')) {
        return fail({}, error.message)
      }
      if (isApiError(error, 'session_overlaps')) return fail({ startsAtLocal: error.message })
      failWith(error, ['startsAtLocal', 'durationMinutes', 'location', 'videoUrl', 'agenda'])
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h5 id={headingId} className="subheading" style={{ margin: 0 }}>
        Reschedule or change the agenda
      </h5>
      <FormErrorSummary message={formError} />
      <SessionTimeFields
        dateLabel="New date"
        timeLabel="New start time"
        timeZone={myTimeZone}
        date={date}
        time={time}
        duration={duration}
        onDate={setDate}
        onTime={setTime}
        onDuration={setDuration}
        fieldErrors={fieldErrors}
        clearField={clearField}
      />
      <SessionPlaceFields
        location={location}
        videoUrl={videoUrl}
        onLocation={setLocation}
        onVideoUrl={setVideoUrl}
        fieldErrors={fieldErrors}
        clearField={clearField}
      />
      <TextAreaField
        label="Agenda"
        isOptional
        maxLength={4000}
        rows={3}
        value={agenda}
        onChange={(event) => setAgenda(event.target.value)}
        error={fieldMessage('Agenda', fieldErrors.agenda)}
      />
      <div className="row">
        <Button type="submit" isLoading={change.isPending}>
          Save changes
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

/** The date, start time (in my time zone) and duration of a session, as scheduling and rescheduling ask them. */
function SessionTimeFields({
  dateLabel,
  timeLabel,
  timeZone,
  date,
  time,
  duration,
  onDate,
  onTime,
  onDuration,
  fieldErrors,
  clearField,
}: {
  dateLabel: string
  timeLabel: string
  timeZone: string
  date: string
  time: string
  duration: string
  onDate: (date: string) => void
  onTime: (time: string) => void
  onDuration: (duration: string) => void
  fieldErrors: FieldErrors
  clearField: (name: string) => void
}) {
  return (
    <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        label={dateLabel}
        type="date"
        value={date}
        onChange={(event) => {
          onDate(event.target.value)
          clearField('date')
          clearField('startsAtLocal')
        }}
        error={fieldErrors.date}
      />
      <TextField
        label={timeLabel}
        type="time"
        step={300}
        hint={`Your time zone: ${timeZone}`}
        value={time}
        onChange={(event) => {
          onTime(event.target.value)
          clearField('startsAtLocal')
        }}
        error={fieldMessage('Start time', fieldErrors.startsAtLocal)}
      />
      <SelectField
        label="Duration"
        options={durationOptions}
        value={duration}
        onChange={(event) => onDuration(event.target.value)}
        error={fieldMessage('Duration', fieldErrors.durationMinutes)}
      />
    </div>
  )
}

/** Where a session takes place: a room or address, and a video link; both optional. */
function SessionPlaceFields({
  placeHint,
  location,
  videoUrl,
  onLocation,
  onVideoUrl,
  fieldErrors,
  clearField,
}: {
  placeHint?: string
  location: string
  videoUrl: string
  onLocation: (location: string) => void
  onVideoUrl: (videoUrl: string) => void
  fieldErrors: FieldErrors
  clearField: (name: string) => void
}) {
  return (
    <>
      <TextField
        label="Place"
        isOptional
        hint={placeHint}
        maxLength={500}
        value={location}
        onChange={(event) => {
          onLocation(event.target.value)
          clearField('location')
        }}
        error={fieldMessage('Place', fieldErrors.location)}
      />
      <TextField
        label="Video link"
        isOptional
        type="url"
        inputMode="url"
        placeholder="https://"
        value={videoUrl}
        onChange={(event) => {
          onVideoUrl(event.target.value)
          clearField('videoUrl')
        }}
        error={fieldMessage('Video link', fieldErrors.videoUrl)}
      />
    </>
  )
}
