import { Link } from '@tanstack/react-router'
import type { ProgramView } from '#contracts/programs.ts'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { dateRangeLabel, formatNumber, programTypeLabel } from '#web/lib/format.ts'
import { usePrograms } from '../api/use-programs.ts'
import { ProgramStatusBadge } from '../components/program-badges.tsx'
import { ProgramCard } from '../components/program-card.tsx'

/** Program managers: every program, to run them. Participants: the programs open to them. */
export function ProgramsPage({ canManage }: { canManage: boolean }) {
  return canManage ? <ManagedProgramsPage /> : <OpenProgramsPage />
}

function ManagedProgramsPage() {
  const programs = usePrograms()
  const list = programs.data?.programs ?? []
  return (
    <div className="page" aria-busy={programs.isPending || undefined}>
      <PageHeader
        title="Programs"
        description="Peer coaching, coaching circles and peer mentoring programs: create them, open enrollment, match and follow them."
        actions={
          <Link to="/programs/new" className={buttonClassName('primary')}>
            New program
          </Link>
        }
      />
      {programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => programs.refetch()} />
      ) : !programs.data ? (
        <Card>
          <SkeletonRows rows={5} label="Loading programs…" />
        </Card>
      ) : list.length === 0 ? (
        <Card>
          <EmptyState
            title="No programs yet"
            icon={<span>◎</span>}
            action={
              <Link to="/programs/new" className={buttonClassName('primary')}>
                Create your first program
              </Link>
            }
          >
            <p>
              Start with peer coaching: pairs of equals who meet every two weeks to work on goals they choose. You can
              adjust every default before anyone enrolls.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <ProgramsTable programs={list} />
      )}
    </div>
  )
}

function ProgramsTable({ programs }: { programs: ProgramView[] }) {
  return (
    <Table caption="Programs" isCaptionHidden>
      <thead>
        <tr>
          <th scope="col">Program</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Dates</th>
          <th scope="col" style={{ textAlign: 'right' }}>
            Enrolled
          </th>
        </tr>
      </thead>
      <tbody>
        {programs.map((program) => (
          <tr key={program.id}>
            <th scope="row">
              <Link to="/programs/$programId" params={{ programId: program.id }} className="row-link">
                {program.name}
              </Link>
              {program.themeName ? <div className="cell-muted">{program.themeName}</div> : null}
            </th>
            <td className="cell-nowrap">{programTypeLabel(program.type)}</td>
            <td>
              <ProgramStatusBadge status={program.status} />
            </td>
            <td className="cell-nowrap">{dateRangeLabel(program.startsOn, program.endsOn)}</td>
            <td style={{ textAlign: 'right' }}>{formatNumber(program.enrolledCount ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

function OpenProgramsPage() {
  const programs = usePrograms()
  const list = programs.data?.programs ?? []
  const mine = list.filter((program) => program.isEnrolled)
  const open = list.filter((program) => !program.isEnrolled)
  return (
    <div className="page" aria-busy={programs.isPending || undefined}>
      <PageHeader
        title="Programs"
        description="Programs you can join, and those you are part of. Read what each involves before you enroll."
      />
      {programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => programs.refetch()} />
      ) : !programs.data ? (
        <Card>
          <SkeletonRows rows={5} label="Loading programs…" />
        </Card>
      ) : (
        <div className="stack-lg">
          <section aria-labelledby="open-programs-heading" className="stack">
            <h2 id="open-programs-heading">Open to you</h2>
            {open.length === 0 ? (
              <Card>
                <EmptyState title="No programs open right now" headingLevel={3} icon={<span>◎</span>}>
                  <p>When your organization opens a program you can join, it appears here.</p>
                </EmptyState>
              </Card>
            ) : (
              <div className="program-grid">
                {open.map((program) => (
                  <ProgramCard key={program.id} program={program} headingLevel={3} />
                ))}
              </div>
            )}
          </section>
          {mine.length > 0 ? (
            <section aria-labelledby="my-programs-heading" className="stack">
              <h2 id="my-programs-heading">Your programs</h2>
              <div className="program-grid">
                {mine.map((program) => (
                  <ProgramCard key={program.id} program={program} headingLevel={3} />
                ))}
              </div>
            </section>
          ) : null}
        </div>
      )}
    </div>
  )
}
