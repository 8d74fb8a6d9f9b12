import type { MatchingRun } from '#contracts/matching.ts'

/** A run still working: a progress bar with its percentage. */
export function RunProgress({ run }: { run: MatchingRun }) {
  const label = run.status === 'queued' ? 'Waiting to start…' : `Matching… ${run.progress}%`
  return (
    <div className="run-progress">
      <p style={{ margin: 0 }}>
        <strong>Run {run.runNumber}</strong> · {label}
      </p>
      {run.error ? <p className="cell-muted">{run.error}</p> : null}
      <div
        className="progress"
        role="progressbar"
        aria-label={`Matching run ${run.runNumber} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.progress}
      >
        <span className="bar-fill" style={{ width: `${run.progress}%` }} />
      </div>
    </div>
  )
}
