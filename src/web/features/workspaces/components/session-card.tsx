import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { Session } from '#contracts/sessions.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button, buttonClassName } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useViewer } from '#web/lib/session.ts'
import { useCancelSession } from '../api/use-cancel-session.ts'
import { useMarkSession } from '../api/use-mark-session.ts'
import { useSessionExercises } from '../api/use-session-exercises.ts'
import { RescheduleForm } from './reschedule-form.tsx'
import { namesFrom, offsetLabel, rolesLine, spanLabel } from './session-words.ts'

// Local times come from the server, already in each member's own zone.

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
/** One session: when (for me and each partner), where, its agenda, and marking, moving or cancelling it. */
export function SessionCard({
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
