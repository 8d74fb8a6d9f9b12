import { Link } from '@tanstack/react-router'
import type { ProgramSideBySide, ThemeInsight } from '#contracts/insights.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime, programStatusLabel, programTypeLabel } from '#web/lib/format.ts'
import { useInsightsOverview } from '../api/use-insights-overview.ts'
import { averageWords, ofWords, percentWords } from '../components/insight-words.ts'
import { RetentionSection } from '../components/retention-section.tsx'

/** A figure's cell: the value, or "Hidden" with the reason for screen readers and on hover. */
function Cell({
  people,
  isHidden,
  hiddenReason,
  children,
}: {
  people: number
  isHidden: boolean
  hiddenReason: string | null
  children: string
}) {
  if (!isHidden) return <td>{children}</td>
  const word = people === 0 ? 'No data yet' : 'Hidden'
  return (
    <td title={hiddenReason ?? undefined}>
      <span aria-hidden="true">{word}</span>
      <span className="visually-hidden">
        {word}: {hiddenReason}
      </span>
    </td>
  )
}

/** The organization overview for program managers and admins: every program side by side, and the themes. */
export function InsightsOverviewPage() {
  const overview = useInsightsOverview()
  return (
    <div className="page" aria-busy={overview.isPending || undefined}>
      <PageHeader
        title="Insights"
        description="Every program side by side, the themes of your organization with the programs and goals that serve them, and the retention of participants against non-participants."
      />
      {overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
      ) : !overview.data ? (
        <Card>
          <SkeletonRows rows={6} label="Loading insights…" />
        </Card>
      ) : overview.data.programs.length === 0 ? (
        <EmptyState title="No programs yet" action={<Link to="/programs/new">Create a program</Link>}>
          <p>Figures appear here once your organization runs programs.</p>
        </EmptyState>
      ) : (
        <div className="stack-lg">
          <Card title="Programs side by side" labelledBy="programs-side-by-side-heading">
            <p className="muted" style={{ margin: 0 }}>
              Figures over fewer than {overview.data.threshold} people are hidden so no one can be singled out. Open a
              program for its charts, CSV downloads and the matches that need attention. Figures as of{' '}
              {formatDateTime(overview.data.asOf)}.
            </p>
            <ProgramsTable programs={overview.data.programs} />
          </Card>
          <Card title="Themes" labelledBy="themes-heading">
            <p className="muted" style={{ margin: 0 }}>
              Your organization's shared vision, with the programs and goals that serve each theme.
            </p>
            <ThemesList themes={overview.data.themes} />
            {overview.data.unthemedPrograms.length > 0 ? (
              <p style={{ margin: 0 }}>
                Without a theme: {overview.data.unthemedPrograms.map((p) => p.name).join(', ')}.
              </p>
            ) : null}
          </Card>
          <RetentionSection />
        </div>
      )}
    </div>
  )
}

function ProgramsTable({ programs }: { programs: ProgramSideBySide[] }) {
  return (
    <Table caption="Programs side by side" isCaptionHidden>
      <thead>
        <tr>
          <th scope="col">Program</th>
          <th scope="col">Status</th>
          <th scope="col">Enrolled</th>
          <th scope="col">Pairs meeting</th>
          <th scope="col">Sessions vs target</th>
          <th scope="col">Goals achieved</th>
          <th scope="col">Satisfaction</th>
          <th scope="col">Need attention</th>
        </tr>
      </thead>
      <tbody>
        {programs.map((p) => (
          <tr key={p.programId}>
            <th scope="row">
              <Link to="/programs/$programId" params={{ programId: p.programId }} search={{ tab: 'insights' }}>
                {p.name}
              </Link>
              <div className="muted" style={{ fontWeight: 400, fontSize: '0.8125rem' }}>
                {programTypeLabel(p.type)}
              </div>
            </th>
            <td>
              <Badge tone={p.status === 'active' ? 'success' : 'neutral'}>{programStatusLabel(p.status)}</Badge>
            </td>
            <Cell {...p.participation}>
              {`${ofWords(p.participation.enrolled, p.participation.eligible)} (${percentWords(p.participation.percent)})`}
            </Cell>
            <Cell {...p.activeMatches}>
              {`${ofWords(p.activeMatches.active, p.activeMatches.matches)} (${percentWords(p.activeMatches.percent)})`}
            </Cell>
            <Cell
              {...p.sessions}
            >{`${ofWords(p.sessions.held, p.sessions.target)} (${percentWords(p.sessions.percent)})`}</Cell>
            <Cell {...p.goals}>{`${ofWords(p.goals.achieved, p.goals.set)} (${percentWords(p.goals.percent)})`}</Cell>
            <Cell {...p.satisfaction}>{averageWords(p.satisfaction.averageSatisfaction)}</Cell>
            <td>{p.atRiskCount === 0 ? 'None' : p.atRiskCount === 1 ? '1 match' : `${p.atRiskCount} matches`}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

function ThemesList({ themes }: { themes: ThemeInsight[] }) {
  if (themes.length === 0) {
    return (
      <EmptyState title="No themes yet" headingLevel={3}>
        <p>Admins add themes (the organization's shared vision) and give each program one.</p>
      </EmptyState>
    )
  }
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Themes">
      {themes.map((theme) => (
        <li key={theme.themeId}>
          <article className="card stack" style={{ gap: 8 }} aria-labelledby={`theme-${theme.themeId}`}>
            <h3 id={`theme-${theme.themeId}`} className="subheading" style={{ margin: 0 }}>
              {theme.name}
            </h3>
            {theme.description ? <p style={{ margin: 0 }}>{theme.description}</p> : null}
            <p style={{ margin: 0 }}>
              {theme.programs.length === 0
                ? 'No program serves this theme yet.'
                : `Programs: ${theme.programs.map((p) => `${p.name} (${programStatusLabel(p.status)})`).join(', ')}`}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {theme.goals.isHidden
                ? `Goals: hidden. ${theme.goals.hiddenReason}`
                : `Goals: ${theme.goals.count} set, ${theme.goals.achieved} achieved.`}
            </p>
          </article>
        </li>
      ))}
    </ul>
  )
}
