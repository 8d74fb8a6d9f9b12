import type { CriterionName, ReviewMatch } from '#contracts/matching.ts'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { formatNumber } from '#web/lib/format.ts'
import { capitalize, criterionLabels, namesList, roleLabels } from './criteria.ts'

const statusTones: Record<ReviewMatch['status'], BadgeTone> = {
  proposed: 'primary',
  published: 'success',
  active: 'success',
  completed: 'neutral',
  dissolved: 'neutral',
  declined: 'danger',
}

const statusWords: Record<ReviewMatch['status'], string> = {
  proposed: 'Proposed',
  published: 'Published',
  active: 'Active',
  completed: 'Completed',
  dissolved: 'Dissolved',
  declined: 'Declined',
}

const responseWords = { pending: 'Not answered yet', accepted: 'Accepted', declined: 'Declined' } as const

export interface MatchActions {
  onToggleLock: (match: ReviewMatch) => void
  onForbid: (match: ReviewMatch) => void
  onSwap: (match: ReviewMatch) => void
  onDissolve: (match: ReviewMatch) => void
  pendingMatchId: string | null
}

/** One match as the program manager reviews it: members, score, the reasons, and what can be done. */
export function MatchCard({ match, actions }: { match: ReviewMatch; actions: MatchActions }) {
  const names = namesList(match.members.map((member) => member.name))
  const isProposed = match.status === 'proposed'
  const isPair = match.members.length === 2
  const isBusy = actions.pendingMatchId === match.id
  return (
    <article className="match-card" aria-label={`Match: ${names}`}>
      <div className="match-card-head">
        <ul className="match-members">
          {match.members.map((member) => (
            <li key={member.personId}>
              <span className="match-member-name">{member.name}</span>
              {member.role !== 'peer' && member.role !== 'member' ? (
                <span className="muted"> · {roleLabels[member.role]}</span>
              ) : null}
              <span className="muted match-member-meta">
                {[member.title, member.department].filter(Boolean).join(' · ')}
              </span>
              {match.status !== 'proposed' ? (
                <span className="match-member-meta">
                  {responseWords[member.response]}
                  {member.responseReason ? (
                    <>
                      : “{member.responseReason}”
                      <span className="muted"> (their reason, addressed to the program managers)</span>
                    </>
                  ) : (
                    ''
                  )}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="match-score">
          <span className="match-score-value">{match.fitPercent}%</span>
          <span className="muted">fit</span>
        </div>
      </div>
      <div className="row" style={{ gap: 6 }}>
        <Badge tone={statusTones[match.status]}>{statusWords[match.status]}</Badge>
        {match.isLocked ? <Badge tone="warning">Locked</Badge> : null}
        {match.origin === 'manual' ? <Badge tone="neutral">Matched by hand</Badge> : null}
      </div>
      {match.explanation.reasons.length > 0 ? (
        <ul className="reasons" aria-label={`How ${names} fit`}>
          {match.explanation.reasons.map((reason) => (
            <li key={reason}>{capitalize(reason)}</li>
          ))}
        </ul>
      ) : null}
      <ScoreBreakdown match={match} />
      {isProposed ? (
        <div className="match-actions">
          <Button
            variant="secondary"
            size="small"
            aria-pressed={match.isLocked}
            aria-label={`Lock match: ${names}`}
            aria-busy={isBusy || undefined}
            onClick={() => {
              if (!isBusy) actions.onToggleLock(match)
            }}
          >
            Lock
          </Button>
          {isPair ? (
            <Button
              variant="ghost"
              size="small"
              aria-label={`Forbid this pair: ${names}`}
              onClick={() => actions.onForbid(match)}
            >
              Forbid this pair
            </Button>
          ) : null}
          <Button
            variant="ghost"
            size="small"
            aria-label={`Swap a member: ${names}`}
            onClick={() => actions.onSwap(match)}
          >
            Swap
          </Button>
          <Button
            variant="ghost"
            size="small"
            aria-label={`Dissolve match: ${names}`}
            onClick={() => actions.onDissolve(match)}
          >
            Dissolve
          </Button>
        </div>
      ) : null}
    </article>
  )
}

const questionRuleLabels = {
  same: 'same answer scores',
  different: 'different answers score',
  overlap: 'shared choices score',
} as const

/**
 * What the fit percentage is made of, on demand: the score against the best the program's weights
 * allow, and each criterion's points with how much of it the pair reached.
 */
function ScoreBreakdown({ match }: { match: ReviewMatch }) {
  const criteria = match.explanation.criteria
  const pairs = match.explanation.pairScores
  return (
    <details className="score-breakdown">
      <summary>How the {match.fitPercent}% fit is made</summary>
      <p className="muted" style={{ margin: '4px 0' }}>
        Score {formatNumber(match.score)}: {match.fitPercent}% of the best a match can score with this program’s
        matching weights.
      </p>
      {criteria ? (
        <ul className="plain-list">
          {(Object.keys(criterionLabels) as CriterionName[]).map((name) => (
            <li key={name}>
              {criterionLabels[name]}: {formatNumber(criteria[name].points)} points (
              {Math.round(criteria[name].value * 100)}% of what this criterion can give)
            </li>
          ))}
          {match.explanation.questionCriteria.map((q) => (
            <li key={q.questionId}>
              “{q.prompt}” ({questionRuleLabels[q.rule]}): {formatNumber(q.points)} points ({Math.round(q.value * 100)}%
              of what this question can give)
            </li>
          ))}
        </ul>
      ) : pairs ? (
        <p style={{ margin: 0 }}>
          A circle scores its {pairs.length} pairs together: from {formatNumber(Math.min(...pairs.map((p) => p.score)))}{' '}
          to {formatNumber(Math.max(...pairs.map((p) => p.score)))} points a pair.
        </p>
      ) : null}
    </details>
  )
}
