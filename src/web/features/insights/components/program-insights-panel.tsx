import type { ProgramInsights } from '#contracts/insights.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Bar } from '#web/components/ui/bar.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useProgramInsights } from '../api/use-program-insights.ts'
import { AtRiskList } from './at-risk-list.tsx'
import { BarChart } from './bar-chart.tsx'
import { FigureCard, Headline } from './figure-card.tsx'
import { averageWords, growthWords, npsWords, ofWords, percentWords, weekWords } from './insight-words.ts'

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
          Updated {formatDateTime(data.generatedAt)}.
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
        <AtRiskList programId={programId} matches={data.atRisk} />
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

type CardProps = { data: ProgramInsights }

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

function FeedbackCard({ data }: CardProps) {
  const f = data.feedback
  return (
    <FigureCard
      programId={data.programId}
      figure="feedback"
      title="Feedback ratings"
      description="How members rate the feedback they receive after sessions, 1 to 5. Averages only, never anyone's words."
      privacy={f}
    >
      <BarChart
        caption={`Average of ${f.forms ?? 0} feedback forms`}
        max={5}
        bars={[
          { key: 'listening', label: 'Listening', value: f.listening, valueLabel: averageWords(f.listening) },
          { key: 'questions', label: 'Questions', value: f.questions, valueLabel: averageWords(f.questions) },
          {
            key: 'helpfulness',
            label: 'Helpfulness',
            value: f.helpfulness,
            valueLabel: averageWords(f.helpfulness),
          },
        ]}
      />
    </FigureCard>
  )
}

function SatisfactionCard({ data }: CardProps) {
  const f = data.satisfaction
  const responses = f.responses ?? 0
  return (
    <FigureCard
      programId={data.programId}
      figure="satisfaction"
      title="Satisfaction and NPS"
      description="From closing surveys: satisfaction 1 to 5, and the net promoter score (% who would recommend at 9-10 minus % at 0-6)."
      privacy={f}
    >
      <div className="row" style={{ gap: 24 }}>
        <Headline value={averageWords(f.averageSatisfaction)}>satisfaction</Headline>
        <Headline value={npsWords(f.nps)}>NPS</Headline>
      </div>
      <BarChart
        caption={`Would recommend, ${responses} closing surveys`}
        max={responses}
        bars={[
          { key: 'promoters', label: 'Promoters (9-10)', value: f.promoters, valueLabel: String(f.promoters ?? '—') },
          { key: 'passives', label: 'Passives (7-8)', value: f.passives, valueLabel: String(f.passives ?? '—') },
          {
            key: 'detractors',
            label: 'Detractors (0-6)',
            value: f.detractors,
            valueLabel: String(f.detractors ?? '—'),
          },
        ]}
      />
    </FigureCard>
  )
}

function GiveAndTakeCard({ data }: CardProps) {
  const f = data.giveAndTake
  return (
    <FigureCard
      programId={data.programId}
      figure="give-and-take"
      title="Give and take"
      description="Peer pairs whose members coached each other about equally (within one session)."
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>{ofWords(f.balancedPairs, f.pairs)} pairs balanced</Headline>
      <Bar value={f.percent} max={100} />
    </FigureCard>
  )
}

function CrossDepartmentCard({ data }: CardProps) {
  const f = data.crossDepartment
  return (
    <FigureCard
      programId={data.programId}
      figure="cross-department"
      title="Cross-department ties"
      description="Matches that went ahead joining people of different departments."
      privacy={f}
    >
      <Headline value={percentWords(f.percent)}>
        {ofWords(f.crossDepartment, f.matches)} matches across departments
      </Headline>
      <Bar value={f.percent} max={100} />
    </FigureCard>
  )
}

function SkillGrowthCard({ data }: CardProps) {
  const skills = data.skillGrowth
  const shown = skills.filter((s) => !s.isHidden)
  return (
    <FigureCard
      programId={data.programId}
      figure="skill-growth"
      title="Skill growth"
      description="Self-assessment of each focus skill, 1 to 5: at enrollment and in the closing survey, for people who answered both."
      privacy={null}
    >
      {skills.length === 0 ? (
        <p style={{ margin: 0 }}>This program has no focus skills to assess.</p>
      ) : (
        <>
          {shown.length > 0 ? (
            <BarChart
              caption="Average growth per skill (closing minus enrollment)"
              max={4}
              bars={shown.map((s) => ({
                key: s.slug,
                label: s.name,
                value: s.averageGrowth,
                valueLabel: growthWords(s.averageGrowth),
              }))}
            />
          ) : null}
          <Table caption="Skill growth per focus skill" isCaptionHidden>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Growth</th>
              </tr>
            </thead>
            <tbody>
              {skills.map((s) => (
                <tr key={s.slug}>
                  <th scope="row">{s.name}</th>
                  {s.isHidden ? (
                    <td colSpan={3}>Hidden: {s.hiddenReason}</td>
                  ) : (
                    <>
                      <td>{averageWords(s.averagePre)}</td>
                      <td>{averageWords(s.averagePost)}</td>
                      <td>{growthWords(s.averageGrowth)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </FigureCard>
  )
}

function WellbeingCard({ data }: CardProps) {
  const f = data.wellbeing
  return (
    <FigureCard
      programId={data.programId}
      figure="wellbeing"
      title="Wellbeing trend"
      description="Average mood and stress (1 to 5) of members' check-ins, per week. Averages only: a check-in's note stays with its author."
      privacy={f}
    >
      {f.weeks.length === 0 ? (
        <p style={{ margin: 0 }}>No check-ins yet.</p>
      ) : (
        <Table caption="Average mood and stress per week" isCaptionHidden>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Mood</th>
              <th scope="col">Stress</th>
              <th scope="col">Check-ins</th>
            </tr>
          </thead>
          <tbody>
            {f.weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{weekWords(week.weekStart)}</th>
                {week.isHidden ? (
                  <td colSpan={3}>Hidden: {week.hiddenReason}</td>
                ) : (
                  <>
                    <td>
                      <MiniBar value={week.averageMood} label={averageWords(week.averageMood)} />
                    </td>
                    <td>
                      <MiniBar value={week.averageStress} label={averageWords(week.averageStress)} />
                    </td>
                    <td>{week.checkIns}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </FigureCard>
  )
}

function MiniBar({ value, label }: { value: number | null; label: string }) {
  return (
    <span className="row" style={{ gap: 8, flexWrap: 'nowrap' }}>
      <Bar value={value} max={5} style={{ width: 80 }} />
      <span>{label}</span>
    </span>
  )
}
