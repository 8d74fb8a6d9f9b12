import { useId, useState } from 'react'
import type { Session, SessionList } from '#contracts/sessions.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { plural } from '#web/lib/format.ts'
import { useViewer } from '#web/lib/session.ts'
import { useSessions } from '../api/use-sessions.ts'
import { ScheduleForm } from './schedule-form.tsx'
import { SessionCard } from './session-card.tsx'
import { namesFrom, rolesLine, spanLabel } from './session-words.ts'

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
