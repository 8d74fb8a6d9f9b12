import { useState } from 'react'
import type { Exercise } from '#contracts/exercises.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useDeleteExercise } from '../api/use-delete-exercise.ts'
import { techniqueLabels } from './technique-labels.ts'

/** One exercise: its purpose up front; steps with timing, prompts and worked scenarios on demand. */
export function ExerciseCard({ exercise, canManage }: { exercise: Exercise; canManage: boolean }) {
  const remove = useDeleteExercise()
  const [isConfirming, setIsConfirming] = useState(false)
  const titleId = `exercise-${exercise.id.replace(/[^a-z0-9-]/gi, '-')}-title`
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <div className="row" style={{ gap: 8 }}>
        <Badge tone="primary">{techniqueLabels[exercise.technique]}</Badge>
        <Badge tone="neutral">{exercise.durationMinutes} min</Badge>
        {exercise.isBuiltIn ? null : <Badge tone="success">Your organization’s</Badge>}
      </div>
      <h3 id={titleId} className="card-title" style={{ margin: 0 }}>
        {exercise.title}
      </h3>
      <p style={{ margin: 0 }}>{exercise.purpose}</p>
      <details className="terms-disclosure">
        <summary>Steps, prompts and worked scenarios</summary>
        <div className="stack">
          <div className="stack" style={{ gap: 8 }}>
            <h4 className="subheading">Steps</h4>
            <ol className="plain-list">
              {exercise.steps.map((step) => (
                <li key={step.title}>
                  <strong>{step.title}</strong> <span className="muted">· {step.minutes} min</span>
                  <br />
                  {step.instruction}
                </li>
              ))}
            </ol>
          </div>
          {exercise.prompts.length > 0 ? (
            <div className="stack" style={{ gap: 8 }}>
              <h4 className="subheading">Prompts for the coach</h4>
              <ul className="plain-list">
                {exercise.prompts.map((prompt) => (
                  <li key={prompt}>{prompt}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {exercise.scenarios.length > 0 ? (
            <div className="stack" style={{ gap: 8 }}>
              <h4 className="subheading">Worked scenarios</h4>
              <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0, gap: 12 }}>
                {exercise.scenarios.map((scenario) => (
                  <li key={scenario.title}>
                    <strong>{scenario.title}</strong>
                    <p style={{ margin: 0 }}>{scenario.setup}</p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </details>
      {canManage && !exercise.isBuiltIn ? (
        <div>
          <Button variant="ghost" size="small" onClick={() => setIsConfirming(true)}>
            Delete<span className="visually-hidden"> {exercise.title}</span>
          </Button>
          <ConfirmDialog
            isOpen={isConfirming}
            title={`Delete “${exercise.title}”?`}
            confirmLabel="Delete exercise"
            tone="danger"
            isPending={remove.isPending}
            error={remove.isError ? errorMessage(remove.error) : null}
            onConfirm={() => remove.mutate(exercise.id, { onSuccess: () => setIsConfirming(false) })}
            onClose={() => {
              setIsConfirming(false)
              remove.reset()
            }}
          >
            <p style={{ margin: 0 }}>
              It leaves the library. Sessions that planned it keep their notes but can no longer be guided through it.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}
    </article>
  )
}
