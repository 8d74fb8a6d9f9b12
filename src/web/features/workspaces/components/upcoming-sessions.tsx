import { Link } from '@tanstack/react-router'
import type { MyUpcomingSession } from '#contracts/sessions.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { useMyUpcomingSessions } from '../api/use-my-upcoming-sessions.ts'
import { namesFrom, offsetLabel, rolesLine, spanLabel } from './session-words.ts'
import { isUnderWay, moreLine, withWhom } from './upcoming-session-words.ts'

/**
 * My next sessions across my matches, in my own time zone, each with the way to its workspace and
 * its guide; for a card whose heading is at `headingLevel - 1`.
 */
export function UpcomingSessions({ headingLevel = 3 }: { headingLevel?: 3 | 4 }) {
  const upcoming = useMyUpcomingSessions()
  if (upcoming.isError) {
    return (
      <ErrorState
        title="Your upcoming sessions could not be loaded"
        error={upcoming.error}
        onRetry={() => upcoming.refetch()}
      />
    )
  }
  if (!upcoming.data) return <SkeletonRows rows={3} label="Loading your upcoming sessions…" />
  const { sessions, total } = upcoming.data
  if (sessions.length === 0) {
    return (
      <EmptyState title="Nothing scheduled" headingLevel={3} icon={<span>◷</span>}>
        <p>Schedule your next session from a match workspace: open one of your matches and use "Schedule a session".</p>
      </EmptyState>
    )
  }
  const more = moreLine(sessions.length, total)
  return (
    <div className="stack">
      <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {sessions.map((session) => (
          <li key={session.id}>
            <UpcomingSessionItem session={session} headingLevel={headingLevel} />
          </li>
        ))}
      </ul>
      {more ? <p className="muted">{more}</p> : null}
    </div>
  )
}

function UpcomingSessionItem({ session, headingLevel }: { session: MyUpcomingSession; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  const mine = session.myLocalTime
  const headingId = `upcoming-${session.id}-heading`
  const roles = rolesLine(namesFrom(session.localTimes, mine.personId), session.coachId, session.coacheeId)
  return (
    <article className="stack" aria-labelledby={headingId} style={{ gap: 6 }}>
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Heading id={headingId} style={{ margin: 0, fontSize: '1rem' }}>
          {spanLabel(mine)}
        </Heading>
        {isUnderWay(session.startsAt) ? <Badge tone="primary">Under way</Badge> : null}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Your time ({mine.timeZone}, {offsetLabel(mine.utcOffset)})
      </p>
      <p style={{ margin: 0 }}>
        With {withWhom(session.partners.map((partner) => partner.name))} · {session.programName}
      </p>
      {roles ? <p style={{ margin: 0 }}>{roles}.</p> : null}
      {session.location ? <p style={{ margin: 0 }}>Place: {session.location}</p> : null}
      {session.videoUrl ? (
        <p style={{ margin: 0 }}>
          Video call:{' '}
          <a href={session.videoUrl} target="_blank" rel="noreferrer noopener">
            {session.videoUrl}
          </a>
        </p>
      ) : null}
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <Link
          className={buttonClassName('primary', { size: 'small' })}
          to="/matches/$matchId/sessions/$sessionId/guide"
          params={{ matchId: session.matchId, sessionId: session.id }}
          aria-describedby={headingId}
        >
          Start session
        </Link>
        <Link
          className={buttonClassName('secondary', { size: 'small' })}
          to="/matches/$matchId"
          params={{ matchId: session.matchId }}
          aria-describedby={headingId}
        >
          Open the workspace
        </Link>
      </div>
    </article>
  )
}
