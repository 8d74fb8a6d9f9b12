import type { ProgramInsights } from '#contracts/insights.ts'
import { Bar } from '#web/components/ui/bar.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { BarChart } from './bar-chart.tsx'
import { FigureCard, Headline } from './figure-card.tsx'
import { averageWords, growthWords, npsWords, ofWords, percentWords, weekWords } from './insight-words.ts'

// The program Insights tab's outcome figures (program-insights-panel.tsx holds the tab and its activity figures).

/** Every card of the Insights tab reads the program's insights. */
export type CardProps = { data: ProgramInsights }

export function FeedbackCard({ data }: CardProps) {
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

export function SatisfactionCard({ data }: CardProps) {
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

export function GiveAndTakeCard({ data }: CardProps) {
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

export function CrossDepartmentCard({ data }: CardProps) {
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

export function SkillGrowthCard({ data }: CardProps) {
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

export function WellbeingCard({ data }: CardProps) {
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
