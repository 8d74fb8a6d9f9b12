import type { ProgramRetention, RetentionHorizon } from '#contracts/insights.ts'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDay, programTypeLabel } from '#web/lib/format.ts'
import { useRetention } from '../api/use-retention.ts'
import { BarChart } from './bar-chart.tsx'
import { percentWords } from './insight-words.ts'
import { differenceWords, groupSizeWords, horizonWords, RETENTION_CSV_URL, retainedWords } from './retention-words.ts'

/**
 * The "Retention" section of the organization overview: per program, the share of participants and
 * of non-participants still employed 6 and 12 months after the program started. The definitions
 * here are the ones computed in src/server/modules/insights/retention.ts.
 */
export function RetentionSection() {
  const retention = useRetention()
  const data = retention.data
  const measured = data?.programs.filter((p) => p.horizons.length > 0) ?? []
  const notMeasured = data?.programs.filter((p) => p.horizons.length === 0) ?? []
  return (
    <Card title="Retention" labelledBy="retention-heading">
      <div className="stack" aria-busy={retention.isPending || undefined}>
        <p className="muted" style={{ margin: 0 }}>
          Of the people employed when a program started, the share still employed 6 and 12 months later: those who took
          part against those who did not.
        </p>
        <details className="terms-disclosure">
          <summary>How retention is measured</summary>
          <ul>
            <li>
              <strong>Participants</strong>: people employed at the program's start who were in a pair or circle of it
              that went ahead (active, completed or ended early).
            </li>
            <li>
              <strong>Non-participants</strong>: people employed at the program's start who never enrolled in it. People
              who enrolled but were never in a pair that went ahead are in neither group.
            </li>
            <li>
              <strong>Still employed</strong> after 6 (12) months: no leaving date, or a leaving date after the day 6
              (12) months from the start. People leave when an admin deactivates them with a leaving date or the people
              import marks them as left. Tandem keeps no hiring dates, so people added later count as employed at the
              start.
            </li>
            <li>
              While a window is still running the figure is marked <strong>so far</strong>, measured today, with the
              months observed.
            </li>
            <li>
              A figure is hidden when either group has fewer than {data?.threshold ?? 'the threshold of'} people, so no
              one's leaving can be singled out. Group sizes are always shown.
            </li>
          </ul>
        </details>
        {retention.isError ? (
          <ErrorState error={retention.error} onRetry={() => retention.refetch()} />
        ) : !data ? (
          <SkeletonRows rows={3} label="Loading retention…" />
        ) : measured.length === 0 ? (
          <EmptyState title="No program old enough yet" headingLevel={3}>
            <p>Retention is measured from a program's start date; no program has started yet.</p>
          </EmptyState>
        ) : !data.hasLeavers ? (
          <EmptyState title="Nobody has left yet" headingLevel={3}>
            <p>
              Everyone is still employed, so retention is the same for participants and non-participants. Figures appear
              once someone leaves (deactivated with a leaving date, or marked as left by the people import).
            </p>
          </EmptyState>
        ) : (
          <>
            <div>
              <a href={RETENTION_CSV_URL} className={buttonClassName('secondary', { size: 'small' })} download>
                Download CSV<span className="visually-hidden"> of retention</span>
              </a>
            </div>
            <ul
              className="stack"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
              aria-label="Retention by program"
            >
              {measured.map((program) => (
                <li key={program.programId}>
                  <ProgramRetentionCard program={program} />
                </li>
              ))}
            </ul>
          </>
        )}
        {data && notMeasured.length > 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            Not measured yet:{' '}
            {notMeasured.map((p) => (p.startsOn ? `${p.name} (starts ${formatDay(p.startsOn)})` : p.name)).join(', ')}.
          </p>
        ) : null}
      </div>
    </Card>
  )
}

function ProgramRetentionCard({ program }: { program: ProgramRetention }) {
  const headingId = `retention-${program.programId}`
  const shown = program.horizons.filter((h) => !h.isHidden)
  return (
    <article className="card stack" style={{ gap: 8 }} aria-labelledby={headingId}>
      <h3 id={headingId} className="subheading" style={{ margin: 0 }}>
        {program.name}
      </h3>
      <p className="muted" style={{ margin: 0 }}>
        {programTypeLabel(program.type)}, started {formatDay(program.startsOn)}.{' '}
        {groupSizeWords(program.participants, program.nonParticipants, program.excluded)}
      </p>
      <Table caption={`Retention after ${program.name}`} isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">After</th>
            <th scope="col">Participants still employed</th>
            <th scope="col">Non-participants still employed</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {program.horizons.map((h) => (
            <tr key={h.months}>
              <th scope="row">{horizonWords(h)}</th>
              {h.isHidden ? (
                <td colSpan={3}>Hidden: {h.hiddenReason}</td>
              ) : (
                <>
                  <td>{retainedWords(h.participants, program.participants)}</td>
                  <td>{retainedWords(h.nonParticipants, program.nonParticipants)}</td>
                  <td>{differenceWords(h.differencePoints)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
      {shown.length > 0 ? (
        <BarChart
          caption={`Still employed after ${program.name}, participants against non-participants`}
          max={100}
          bars={shown.flatMap((h) => [
            chartBar(h, 'participants', 'Participants'),
            chartBar(h, 'nonParticipants', 'Non-participants'),
          ])}
        />
      ) : null}
    </article>
  )
}

function chartBar(h: RetentionHorizon, group: 'participants' | 'nonParticipants', label: string) {
  const when = h.isComplete ? `${h.months} months` : `${h.months} months (so far)`
  return {
    key: `${h.months}-${group}`,
    label: `${label}, ${when}`,
    value: h[group].percent,
    valueLabel: percentWords(h[group].percent),
  }
}
