import type { MyMatch } from '#contracts/matching.ts'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { useMyMatches } from '../api/use-my-matches.ts'
import { MyMatchCard } from './my-match-card.tsx'

/** My published matches (running first, then ended), or why there are none yet. */
export function MyMatchesList({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const matches = useMyMatches()
  if (matches.isError) return <ErrorState error={matches.error} onRetry={() => matches.refetch()} />
  if (!matches.data) {
    return (
      <Card>
        <SkeletonRows rows={3} label="Loading your matches…" />
      </Card>
    )
  }
  // Running matches first, then the ended ones (their workspaces hold the closing survey).
  const isEnded = (match: MyMatch) => match.status === 'completed' || match.status === 'dissolved'
  const current = [...matches.data.matches.filter((match) => !isEnded(match)), ...matches.data.matches.filter(isEnded)]
  if (current.length === 0) {
    return (
      <Card>
        <EmptyState title="No matches yet" headingLevel={headingLevel} icon={<span>◎</span>}>
          <p>Enroll in a program; when the program manager publishes matches, your partner appears here.</p>
        </EmptyState>
      </Card>
    )
  }
  return (
    <div className="stack">
      {current.map((match) => (
        <MyMatchCard key={match.id} match={match} headingLevel={headingLevel} />
      ))}
    </div>
  )
}
