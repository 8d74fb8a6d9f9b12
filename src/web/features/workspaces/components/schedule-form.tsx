import { type FormEvent, useRef, useState } from 'react'
import {
  CreateSessionBodySchema,
  SESSION_DEFAULT_MINUTES,
  SESSION_MAX_REPEAT,
  type Session,
  type SessionList,
  type SessionLocalTime,
  type SessionSlot,
} from '#contracts/sessions.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { cadenceLabel } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useViewer } from '#web/lib/session.ts'
import { useScheduleSession } from '../api/use-schedule-session.ts'
import { useSessionExercises } from '../api/use-session-exercises.ts'
import { useSessionSuggestions } from '../api/use-session-suggestions.ts'
import { SessionPlaceFields, SessionTimeFields } from './session-fields.tsx'
import { clock, clockLabel, momentLabel } from './session-words.ts'

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
                {momentLabel(mine.start)}
                {others.length > 0 ? ` (${others.map((o) => `${o.name} ${clockLabel(o.start)}`).join(', ')})` : ''}
              </Button>
            )
          })}
        </div>
      )}
    </fieldset>
  )
}

/** Schedule a session (or a repeating series): suggested times, date and time, place, exercises. */
export function ScheduleForm({
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
        {picked && date && time ? `Date and time set to ${momentLabel(`${date}T${time}`)}` : ''}
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
