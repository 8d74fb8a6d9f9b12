import { useState } from 'react'
import { CRITERIA, type MatchingRun } from '#contracts/matching.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { formatDateTime, formatNumber, formatPercent } from '#web/lib/format.ts'
import { useCompareRuns } from '../api/use-compare-runs.ts'
import { criterionLabels } from './criteria.ts'

const statusTones = { queued: 'neutral', running: 'primary', succeeded: 'success', failed: 'danger' } as const

function signed(value: number, digits = 0): string {
  const text = value.toFixed(digits)
  return value > 0 ? `+${text}` : text
}

/** Every run of the program with its summary, side by side, and a comparison of two of them. */
export function RunsTable({ programId, runs }: { programId: string; runs: MatchingRun[] }) {
  const finished = runs.filter((run) => run.status === 'succeeded')
  const [a, setA] = useState<string>(finished[1]?.id ?? '')
  const [b, setB] = useState<string>(finished[0]?.id ?? '')
  const comparison = useCompareRuns(programId, a || null, b || null)
  const runOptions = finished.map((run) => ({
    value: run.id,
    label: `Run ${run.runNumber}${run.label ? ` · ${run.label}` : ''}`,
  }))

  return (
    <div className="stack">
      <Table caption="Matching runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Matches</th>
            <th scope="col">Matched</th>
            <th scope="col">Total score</th>
            <th scope="col">Average score</th>
            {CRITERIA.map((criterion) => (
              <th key={criterion} scope="col">
                {criterionLabels[criterion]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row" className="cell-nowrap">
                <span className="cell-strong">Run {run.runNumber}</span>
                {run.label ? <div className="cell-muted">{run.label}</div> : null}
                <div className="cell-muted">{formatDateTime(run.createdAt)}</div>
              </th>
              <td>
                <Badge tone={statusTones[run.status]}>
                  {run.status === 'running'
                    ? `Running ${run.progress}%`
                    : run.status[0]?.toUpperCase() + run.status.slice(1)}
                </Badge>
                {run.error ? <div className="cell-muted">{run.error}</div> : null}
              </td>
              <td>{run.summary ? formatNumber(run.summary.matches) : '—'}</td>
              <td className="cell-nowrap">
                {run.summary
                  ? `${formatPercent(run.summary.matchedShare)} (${formatNumber(run.summary.matchedPeople)} of ${formatNumber(run.summary.enrollees)})`
                  : '—'}
              </td>
              <td>{run.summary ? formatNumber(run.summary.totalScore) : '—'}</td>
              <td>{run.summary ? formatNumber(Math.round(run.summary.averageScore)) : '—'}</td>
              {CRITERIA.map((criterion) => {
                const average = run.summary?.criteria[criterion]
                return <td key={criterion}>{average ? formatPercent(average.value) : '—'}</td>
              })}
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="field-hint" style={{ margin: 0 }}>
        Criterion columns show how well the run's pairs fit on average on each criterion (100% is a perfect fit).
      </p>

      {finished.length >= 2 ? (
        <Card title="Compare two runs" labelledBy="compare-heading" headingLevel={3}>
          <div className="grid-2">
            <SelectField
              label="First run"
              options={runOptions}
              value={a}
              onChange={(event) => setA(event.target.value)}
            />
            <SelectField
              label="Second run"
              options={runOptions}
              value={b}
              onChange={(event) => setB(event.target.value)}
            />
          </div>
          {a === b ? (
            <p className="muted" style={{ marginTop: 12 }}>
              Choose two different runs.
            </p>
          ) : comparison.isError ? (
            <ErrorState error={comparison.error} onRetry={() => comparison.refetch()} />
          ) : !comparison.data ? (
            <LoadingState label="Comparing…" />
          ) : (
            <div className="stack" style={{ marginTop: 16 }}>
              <dl className="counts">
                <div className="count">
                  <dt>Total score</dt>
                  <dd>{signed(comparison.data.delta.totalScore)}</dd>
                </div>
                <div className="count">
                  <dt>Average score</dt>
                  <dd>{signed(comparison.data.delta.averageScore, 1)}</dd>
                </div>
                <div className="count">
                  <dt>Matched share</dt>
                  <dd>{signed(comparison.data.delta.matchedShare * 100, 1)} pts</dd>
                </div>
                <div className="count">
                  <dt>Same partner</dt>
                  <dd>{formatNumber(comparison.data.samePartnerCount)}</dd>
                </div>
                <div className="count">
                  <dt>Changed partner</dt>
                  <dd>{formatNumber(comparison.data.changedPartnerCount)}</dd>
                </div>
              </dl>
              {comparison.data.changes.length > 0 ? (
                <Table caption="Who changed partner">
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">In run {comparison.data.a.runNumber}</th>
                      <th scope="col">In run {comparison.data.b.runNumber}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.data.changes.map((change) => (
                      <tr key={change.personId}>
                        <th scope="row">{change.name}</th>
                        <td>{change.partnersInA.map((p) => p.name).join(', ') || 'Unmatched'}</td>
                        <td>{change.partnersInB.map((p) => p.name).join(', ') || 'Unmatched'}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : (
                <p className="muted">Everyone has the same partner in both runs.</p>
              )}
            </div>
          )}
        </Card>
      ) : null}
    </div>
  )
}
