import { Link } from '@tanstack/react-router'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { cadenceLabel, dateRangeLabel, plural, programTypeLabel } from '#web/lib/format.ts'
import { usePrograms } from '../api/use-programs.ts'

/** For the home page: the programs I can join now, and those I am in. */
export function OpenProgramsSummary() {
  const programs = usePrograms()
  if (programs.isError) return <ErrorState error={programs.error} onRetry={() => programs.refetch()} />
  if (!programs.data) return <SkeletonRows rows={3} label="Loading programs…" />
  const list = programs.data.programs.filter((program) => program.canEnroll || program.isEnrolled)
  if (list.length === 0) {
    return (
      <EmptyState title="No programs open to you right now" headingLevel={3} icon={<span>◎</span>}>
        <p>When your organization opens a peer coaching, circles or mentoring program you can join, it appears here.</p>
      </EmptyState>
    )
  }
  return (
    <ul className="program-summary-list">
      {list.map((program) => (
        <li key={program.id}>
          <Link to="/programs/$programId/enroll" params={{ programId: program.id }} className="cell-strong">
            {program.name}
          </Link>
          <span className="muted">
            {programTypeLabel(program.type)} · {plural(program.targetSessionCount, 'session', 'sessions')}{' '}
            {cadenceLabel(program.sessionCadenceDays)} · {dateRangeLabel(program.startsOn, program.endsOn)}
          </span>
          <span>{program.isEnrolled ? 'You are enrolled' : 'Open for enrollment'}</span>
        </li>
      ))}
    </ul>
  )
}

export function OpenProgramsCard() {
  return (
    <Card title="Programs open to you" labelledBy="open-programs-heading">
      <OpenProgramsSummary />
      <p style={{ margin: '12px 0 0' }}>
        <Link to="/programs">See all programs</Link>
      </p>
    </Card>
  )
}
