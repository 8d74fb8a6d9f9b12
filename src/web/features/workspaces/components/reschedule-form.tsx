import { type FormEvent, useRef, useState } from 'react'
import { type Session, UpdateSessionBodySchema } from '#contracts/sessions.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useViewer } from '#web/lib/session.ts'
import { useChangeSession } from '../api/use-change-session.ts'
import { SessionPlaceFields, SessionTimeFields } from './session-fields.tsx'
import { clock } from './session-words.ts'

/** Move a scheduled session to another time or place. */
export function RescheduleForm({
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
