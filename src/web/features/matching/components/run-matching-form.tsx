import { type FormEvent, useState } from 'react'
import { CRITERIA, type CriterionName, type MatchingRun } from '#contracts/matching.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Button } from '#web/components/ui/button.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useStartMatchingRun } from '../api/use-start-matching-run.ts'
import { criterionLabels } from './criteria.ts'

/** Starts a matching run, with an optional label and per-run criterion weights. */
export function RunMatchingForm({
  program,
  isRunning,
  hasProposals,
  onStarting,
  onStarted,
  onError,
}: {
  program: ProgramView
  isRunning: boolean
  hasProposals: boolean
  onStarting: () => void
  /** False when the run needs no following (it already ended and was reported). */
  onStarted: (run: MatchingRun) => boolean
  onError: (message: string) => void
}) {
  const start = useStartMatchingRun(program.id)
  const [label, setLabel] = useState('')
  const [weights, setWeights] = useState<Record<CriterionName, string>>({
    complementarity: '',
    seniority: '',
    diversity: '',
    overlap: '',
  })

  function startRun(event: FormEvent) {
    event.preventDefault()
    // The button stays focusable while a run works (a disabled button would drop the keyboard focus).
    if (isRunning || start.isPending) return
    const overrides = Object.fromEntries(
      CRITERIA.filter((criterion) => weights[criterion] !== '').map((criterion) => [
        criterion,
        Number(weights[criterion]),
      ]),
    )
    onStarting()
    start.mutate(
      { label: label.trim() || undefined, ...(Object.keys(overrides).length > 0 ? { weights: overrides } : {}) },
      {
        onSuccess: (run) => {
          if (onStarted(run)) setLabel('')
        },
        onError: (error) => onError(errorMessage(error)),
      },
    )
  }

  return (
    <form className="stack" onSubmit={startRun} aria-label="Run matching">
      <p style={{ margin: 0 }} className="muted">
        Matching proposes {program.type === 'coaching_circle' ? 'circles' : 'pairs'} for everyone enrolled and not yet
        matched. Locked, hand-made and published matches are kept. Nothing is visible to participants until you publish.
      </p>
      <details className="run-options">
        <summary>Run options</summary>
        <div className="stack" style={{ marginTop: 12 }}>
          <TextField
            label="Label for this run"
            hint="To tell runs apart when you compare them, for example “more weight on skills”."
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            isOptional
          />
          <div className="grid-2">
            {CRITERIA.map((criterion) => (
              <TextField
                key={criterion}
                label={`${criterionLabels[criterion]} weight for this run`}
                hint={`Program setting: ${program.matchingRules.weights[criterion]}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={1000}
                value={weights[criterion]}
                onChange={(event) => setWeights((current) => ({ ...current, [criterion]: event.target.value }))}
                isOptional
              />
            ))}
          </div>
        </div>
      </details>
      <div className="row">
        <Button type="submit" aria-disabled={isRunning || start.isPending || undefined}>
          {hasProposals ? 'Re-run around locked matches' : 'Run matching'}
        </Button>
      </div>
    </form>
  )
}
