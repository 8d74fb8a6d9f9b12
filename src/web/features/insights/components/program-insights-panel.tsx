import { Alert } from '#web/components/ui/alert.tsx'
import { Bar } from '#web/components/ui/bar.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useProgramInsights } from '../api/use-program-insights.ts'
import { AtRiskList } from './at-risk-list.tsx'
import { BarChart } from './bar-chart.tsx'
import { FigureCard, Headline } from './figure-card.tsx'
import { ofWords, percentWords } from './insight-words.ts'
import {
  type CardProps,
  CrossDepartmentCard,
  FeedbackCard,
  GiveAndTakeCard,
  SatisfactionCard,
  SkillGrowthCard,
  WellbeingCard,
} from './outcome-cards.tsx'

/** The Insights tab of a program: every figure of the dashboard, charts, CSV downloads and the at-risk matches. */
export function ProgramInsightsPanel({ programId }: { programId: string }) {
  const insights = useProgramInsights(programId)
  if (insights.isError) return <ErrorState error={insights.error} onRetry={() => insights.refetch()} />
  if (!insights.data) {
    return (
      <Card>
        <SkeletonRows rows={8} label="Loading the program's insights…" />
      </Card>
    )
  }
  const data = insights.data
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between', gap: 8 }}>
        <p className="muted" style={{ margin: 0 }}>
          Aggregates only: figures over fewer than {data.threshold} people are hidden so no one can be singled out.
          Figures as of {formatDateTime(data.asOf)} (counted again every 30 seconds).
        </p>
        <Button variant="secondary" size="small" isLoading={insights.isFetching} onClick={() => insights.refetch()}>
          Refresh
        </Button>
      </div>
      {data.acceptance.people === 0 ? (
        <Alert tone="info" title="No matches published yet" isLive={false}>
          <p>Most figures appear once matches are published and pairs start meeting.</p>
        </Alert>
      ) : null}
      <FigureCard
        programId={programId}
        figure="at-risk"
        title="Matches that need attention"
        description={`No session for ${data.cadenceDays * 2} days (twice the cadence), a poor pairing fit, a re-pair request or a declined match: with what to do next.`}
        privacy={null}
      >
        <AtRiskList programId={programId} firstPage={data.atRisk} paging={data.atRiskPaging} />
      </FigureCard>
      <div className="program-grid">
        <ParticipationCard data={data} />
        <AcceptanceCard data={data} />
        <SessionsCard data={data} />
        <ActiveMatchesCard data={data} />
        <GoalsCard data={data} />
        <FeedbackCard data={data} />
        <SatisfactionCard data={data} />
        <GiveAndTakeCard data={data} />
        <CrossDepartmentCard data={data} />
      </div>
      <SkillGrowthCard data={data} />
      <WellbeingCard data={data} />
    </div>
  )
}

function ParticipationCard({ data }: CardProps) {
  const f = data.participation
  return (
    <FigureCard
      programId={data.programId}
      figure="participation"
      title="Participation"
      description="People enrolled, of everyone the program is open to."
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>{ofWords(f.enrolled, f.eligible)} eligible people enrolled</Headline>
      <Bar value={f.percent} max={100} />
    </FigureCard>
  )
}

function AcceptanceCard({ data }: CardProps) {
  const f = data.acceptance
  const members = f.members ?? 0
  return (
    <FigureCard
      programId={data.programId}
      figure="acceptance"
      title="Match acceptance"
      description="How members of published matches answered their match."
      privacy={f}
    >
      <Headline value={percentWords(f.acceptedPercent)}>accepted</Headline>
      <BarChart
        caption="Answers of members"
        max={members}
        bars={[
          { key: 'accepted', label: 'Accepted', value: f.accepted, valueLabel: ofWords(f.accepted, f.members) },
          { key: 'declined', label: 'Declined', value: f.declined, valueLabel: ofWords(f.declined, f.members) },
          { key: 'pending', label: 'Not answered', value: f.pending, valueLabel: ofWords(f.pending, f.members) },
        ]}
      />
    </FigureCard>
  )
}

function SessionsCard({ data }: CardProps) {
  const f = data.sessions
  const most = Math.max(1, ...f.distribution.map((b) => b.matches))
  return (
    <FigureCard
      programId={data.programId}
      figure="sessions"
      title="Sessions held against target"
      description={`Held sessions of matches that went ahead, against ${f.targetPerMatch} per match.`}
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>{ofWords(f.held, f.target)} target sessions held</Headline>
      <p style={{ margin: 0 }}>
        {f.averagePerMatch === null ? '—' : f.averagePerMatch.toFixed(1)} per match on average;{' '}
        {ofWords(f.matchesAtTarget, f.matches)} matches reached the target.
      </p>
      <BarChart
        caption="Matches by sessions held"
        max={most}
        bars={f.distribution.map((b) => ({
          key: String(b.held),
          label: `${b.held}${b.isTargetOrMore ? ' or more' : ''} ${b.held === 1 && !b.isTargetOrMore ? 'session' : 'sessions'}`,
          value: b.matches,
          valueLabel: b.matches === 1 ? '1 match' : `${b.matches} matches`,
        }))}
      />
    </FigureCard>
  )
}

function ActiveMatchesCard({ data }: CardProps) {
  const f = data.activeMatches
  return (
    <FigureCard
      programId={data.programId}
      figure="active-matches"
      title="Active matches"
      description={`Active matches that held a session in the last ${f.windowDays} days (two cadence periods).`}
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>{ofWords(f.active, f.matches)} active matches met recently</Headline>
      <Bar value={f.percent} max={100} />
    </FigureCard>
  )
}

function GoalsCard({ data }: CardProps) {
  const f = data.goals
  return (
    <FigureCard
      programId={data.programId}
      figure="goals"
      title="Goal attainment"
      description="Goals members set in their matches, and how far they got."
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>{ofWords(f.achieved, f.set)} goals achieved</Headline>
      <BarChart
        caption="Goals by status"
        max={f.set ?? 0}
        bars={[
          { key: 'achieved', label: 'Achieved', value: f.achieved, valueLabel: String(f.achieved ?? '—') },
          { key: 'active', label: 'In progress', value: f.inProgress, valueLabel: String(f.inProgress ?? '—') },
          { key: 'dropped', label: 'Dropped', value: f.dropped, valueLabel: String(f.dropped ?? '—') },
        ]}
      />
      <p style={{ margin: 0 }}>Average progress: {percentWords(f.averageProgress)}</p>
    </FigureCard>
  )
}
