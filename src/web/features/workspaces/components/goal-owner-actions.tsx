import { type FormEvent, useId, useState } from 'react'
import type { Goal } from '#contracts/workspaces.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Disclosure } from '#web/components/ui/disclosure.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useChangeGoal } from '../api/use-change-goal.ts'
import { usePostGoalUpdate } from '../api/use-post-goal-update.ts'
import { parseProgress } from './goal-groups.ts'

/** The goal owner's actions: post progress with a note (folded until used), mark the goal achieved, dropped or active again. */
export function OwnerActions({ goal }: { goal: Goal }) {
  const change = useChangeGoal()
  return (
    <div className="stack" style={{ gap: 12 }}>
      <Disclosure label="Update progress">{(close) => <ProgressForm goal={goal} onClose={close} />}</Disclosure>
      <div className="row">
        {goal.status !== 'achieved' ? (
          <Button
            variant="ghost"
            size="small"
            isLoading={change.isPending && change.variables?.status === 'achieved'}
            onClick={() => change.mutate({ goalId: goal.id, status: 'achieved' })}
          >
            Mark achieved
          </Button>
        ) : null}
        {goal.status !== 'dropped' ? (
          <Button
            variant="ghost"
            size="small"
            isLoading={change.isPending && change.variables?.status === 'dropped'}
            onClick={() => change.mutate({ goalId: goal.id, status: 'dropped' })}
          >
            Drop the goal
          </Button>
        ) : null}
        {goal.status !== 'active' ? (
          <Button
            variant="ghost"
            size="small"
            isLoading={change.isPending && change.variables?.status === 'active'}
            onClick={() => change.mutate({ goalId: goal.id, status: 'active' })}
          >
            Make it active again
          </Button>
        ) : null}
      </div>
      {change.isError ? <Alert tone="error">{errorMessage(change.error)}</Alert> : null}
    </div>
  )
}

/** Progress with an optional note on what moved; folds again once posted. */
function ProgressForm({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const post = usePostGoalUpdate()
  const [progress, setProgress] = useState(String(goal.progress))
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const sliderId = useId()

  function submit(event: FormEvent) {
    event.preventDefault()
    const value = parseProgress(progress)
    if (value === null) return setError('Progress is a number from 0 to 100')
    setError(null)
    post.mutate({ goalId: goal.id, kind: 'progress', progress: value, body: note.trim() }, { onSuccess: onClose })
  }

  return (
    <form className="stack" style={{ gap: 8 }} onSubmit={submit} noValidate aria-label="Update progress">
      <div className="row" style={{ alignItems: 'end' }}>
        <div className="field grow">
          <label className="field-label" htmlFor={sliderId}>
            Progress slider
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={5}
            value={parseProgress(progress) ?? 0}
            aria-valuetext={`${parseProgress(progress) ?? 0}%`}
            onChange={(event) => {
              setProgress(event.target.value)
              setError(null)
            }}
            style={{ width: '100%' }}
          />
        </div>
        <TextField
          label="Progress (%)"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          value={progress}
          onChange={(event) => {
            setProgress(event.target.value)
            setError(null)
          }}
          error={error}
          style={{ maxWidth: 110 }}
        />
      </div>
      <TextAreaField
        label="What moved"
        isOptional
        rows={2}
        maxLength={4000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {post.isError ? <Alert tone="error">{errorMessage(post.error)}</Alert> : null}
      <div className="row">
        <Button type="submit" variant="secondary" isLoading={post.isPending}>
          Post progress
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
