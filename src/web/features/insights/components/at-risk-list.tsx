import { Link } from '@tanstack/react-router'
import type { AtRiskMatch } from '#contracts/insights.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { formatDate } from '#web/lib/format.ts'
import { matchStatusLabel } from './insight-words.ts'

const actionTones = { nudge: 'primary', talk_to_pair: 'warning', re_pair: 'danger' } as const

/** Matches that need a program manager, each with why and what to do; names only, never anyone's words. */
export function AtRiskList({ programId, matches }: { programId: string; matches: AtRiskMatch[] }) {
  if (matches.length === 0) {
    return (
      <EmptyState title="No match needs attention" headingLevel={3}>
        <p>Every active pair met recently, rated their fit well and nobody asked to be re-paired.</p>
      </EmptyState>
    )
  }
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="At-risk matches">
      {matches.map((match) => {
        const names = match.members.map((m) => m.name).join(' and ')
        const headingId = `at-risk-${match.matchId}`
        const hasRepairRequest = match.reasons.some((r) => r.code === 'repair_requested')
        return (
          <li key={match.matchId}>
            <article className="card stack" style={{ gap: 8 }} aria-labelledby={headingId}>
              <div className="row" style={{ justifyContent: 'space-between', gap: 8 }}>
                <h3 id={headingId} className="subheading" style={{ margin: 0 }}>
                  {names}
                </h3>
                <Badge tone="neutral">{matchStatusLabel(match.status)}</Badge>
              </div>
              <ul className="stack" style={{ gap: 4, margin: 0, paddingLeft: 20 }}>
                {match.reasons.map((reason) => (
                  <li key={reason.code}>
                    {reason.label}. <Badge tone={actionTones[reason.action]}>{reason.actionLabel}</Badge>
                  </li>
                ))}
              </ul>
              <p className="muted" style={{ margin: 0 }}>
                {match.lastSessionAt ? `Last session ${formatDate(match.lastSessionAt)}` : 'No session held yet'}
              </p>
              <div className="row" style={{ gap: 12 }}>
                <Link to="/programs/$programId/matches/$matchId" params={{ programId, matchId: match.matchId }}>
                  Open the match<span className="visually-hidden">: {names}</span>
                </Link>
                {hasRepairRequest ? (
                  <Link to="/programs/$programId" params={{ programId }} search={{ tab: 'follow-up' }}>
                    Read the re-pair request<span className="visually-hidden">: {names}</span>
                  </Link>
                ) : null}
              </div>
            </article>
          </li>
        )
      })}
    </ul>
  )
}
