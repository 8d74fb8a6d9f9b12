import { Link, lazyRouteComponent } from '@tanstack/react-router'
import { type ReactNode, Suspense } from 'react'
import type { ProgramView } from '#contracts/programs.ts'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Tabs } from '#web/components/ui/tabs.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { programTypeLabel } from '#web/lib/format.ts'
import { useProgram } from '../api/use-program.ts'
import { ProgramStatusBadge } from '../components/program-badges.tsx'
import { ProgramOverview } from '../components/program-overview.tsx'
import { PROGRAM_TABS, type ProgramTab } from './program-tabs.ts'

// The overview is what opens; the other tabs' code (the settings form brings Zod) loads when one is chosen.
const EnrollmentsPanel = lazyRouteComponent(() => import('../components/enrollments-panel.tsx'), 'EnrollmentsPanel')
const ProgramFollowUp = lazyRouteComponent(() => import('../components/program-follow-up.tsx'), 'ProgramFollowUp')
const ProgramSettings = lazyRouteComponent(() => import('../components/program-settings.tsx'), 'ProgramSettings')

const tabLabels: Record<ProgramTab, string> = {
  overview: 'Overview',
  enrollments: 'Enrollments',
  matching: 'Matching',
  'follow-up': 'Follow-up',
  insights: 'Insights',
  settings: 'Settings',
}

/** A program as its manager runs it: overview and status, enrollments, matching, follow-up (re-pair requests, feedback ratings), insights, settings. */
export function ProgramPage({
  programId,
  tab,
  onTabChange,
  renderMatching,
  renderInsights,
}: {
  programId: string
  tab: ProgramTab
  onTabChange: (tab: ProgramTab) => void
  renderMatching: (program: ProgramView) => ReactNode
  renderInsights: (program: ProgramView) => ReactNode
}) {
  const program = useProgram(programId)
  const title = program.data?.name ?? (program.isError ? 'Program not found' : 'Program')
  return (
    <div className="page" aria-busy={program.isPending || undefined}>
      <Link to="/programs" className="back-link">
        ← Back to programs
      </Link>
      <PageHeader
        title={title}
        description={
          program.data ? (
            <span className="row" style={{ gap: 8 }}>
              <span>{programTypeLabel(program.data.type)}</span>
              <ProgramStatusBadge status={program.data.status} />
              {program.data.cycleNumber > 1 ? <span>Cycle {program.data.cycleNumber}</span> : null}
            </span>
          ) : undefined
        }
      />
      {program.isError ? (
        isApiError(program.error, 'not_found') || isApiError(program.error, 'validation_failed') ? (
          <p>
            There is no such program in your organization. <Link to="/programs">Back to programs</Link>
          </p>
        ) : (
          <ErrorState error={program.error} onRetry={() => program.refetch()} />
        )
      ) : !program.data ? (
        <Card>
          <SkeletonRows rows={6} label="Loading the program…" />
        </Card>
      ) : (
        <Tabs
          label="Program sections"
          idPrefix="program"
          tabs={PROGRAM_TABS.map((id) => ({ id, label: tabLabels[id] }))}
          selected={tab}
          onSelect={onTabChange}
        >
          <Suspense
            fallback={
              <Card>
                <SkeletonRows rows={6} label={`Loading ${tabLabels[tab]}…`} />
              </Card>
            }
          >
            {tab === 'overview' ? (
              <ProgramOverview program={program.data} />
            ) : tab === 'enrollments' ? (
              <EnrollmentsPanel program={program.data} />
            ) : tab === 'matching' ? (
              renderMatching(program.data)
            ) : tab === 'follow-up' ? (
              <ProgramFollowUp program={program.data} />
            ) : tab === 'insights' ? (
              renderInsights(program.data)
            ) : (
              <ProgramSettings program={program.data} onSaved={() => onTabChange('overview')} />
            )}
          </Suspense>
        </Tabs>
      )}
    </div>
  )
}
