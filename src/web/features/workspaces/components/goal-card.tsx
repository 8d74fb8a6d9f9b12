import { type FormEvent, useId, useState } from 'react'
import type { Goal, GoalUpdate } from '#contracts/workspaces.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { Disclosure } from '#web/components/ui/disclosure.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDateTime, formatDay } from '#web/lib/format.ts'
import { useAddMilestone } from '../api/use-add-milestone.ts'
import { useMarkMilestone } from '../api/use-mark-milestone.ts'
import { usePostGoalUpdate } from '../api/use-post-goal-update.ts'
import { milestoneSummary } from './goal-groups.ts'
import { OwnerActions } from './goal-owner-actions.tsx'

const statusWords = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' } as const
const statusTones = { active: 'primary', achieved: 'success', dropped: 'neutral' } as const

/** One goal: what, how measured, target and due date, progress, milestones and the conversation about it. */
export function GoalCard({ goal }: { goal: Goal }) {
  const titleId = `goal-${goal.id}-title`
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <div className="row" style={{ gap: 8 }}>
        <Badge tone={statusTones[goal.status]}>{statusWords[goal.status]}</Badge>
        <Badge tone="neutral">Due {formatDay(goal.dueOn)}</Badge>
      </div>
      <h4 id={titleId} className="subheading" tabIndex={-1} style={{ fontSize: '1.0625rem' }}>
        {goal.title}
      </h4>
      <dl className="detail-list">
        <dt>Measured by</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{goal.measure}</dd>
        <dt>Target</dt>
        <dd>{goal.target}</dd>
      </dl>
      <ProgressBar goal={goal} />
      <Milestones goal={goal} />
      {goal.isMine ? <OwnerActions goal={goal} /> : null}
      <Updates goal={goal} />
      <Disclosure label="Comment">{(close) => <CommentForm goal={goal} onClose={close} />}</Disclosure>
    </article>
  )
}

function ProgressBar({ goal }: { goal: Goal }) {
  const labelId = useId()
  return (
    <div className="stack" style={{ gap: 4 }}>
      <p id={labelId} style={{ margin: 0 }}>
        Progress: <strong>{goal.progress}%</strong>
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={goal.progress}
      >
        <span className="bar-fill" style={{ width: `${goal.progress}%` }} />
      </div>
    </div>
  )
}

function Milestones({ goal }: { goal: Goal }) {
  const mark = useMarkMilestone()
  // A ticked box shows ticked at once; the server's answer then confirms it (or puts it back).
  const [ticking, setTicking] = useState<Record<string, boolean>>({})
  return (
    <div className="stack" style={{ gap: 8 }}>
      <p className="subheading">
        Milestones {goal.milestones.length > 0 ? <span className="muted">({milestoneSummary(goal)})</span> : null}
      </p>
      {goal.milestones.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {goal.isMine ? 'No milestones yet: break the goal into steps below.' : 'No milestones yet.'}
        </p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0, gap: 4 }}>
          {goal.milestones.map((milestone) => {
            const label = `${milestone.title}${milestone.dueOn ? ` (by ${formatDay(milestone.dueOn)})` : ''}`
            return (
              <li key={milestone.id}>
                {goal.isMine ? (
                  <Checkbox
                    label={label}
                    checked={ticking[milestone.id] ?? milestone.doneAt !== null}
                    onChange={(event) => {
                      const isDone = event.target.checked
                      setTicking((current) => ({ ...current, [milestone.id]: isDone }))
                      mark.mutate(
                        { goalId: goal.id, milestoneId: milestone.id, isDone },
                        {
                          onSettled: () =>
                            setTicking((current) => {
                              const { [milestone.id]: _settled, ...rest } = current
                              return rest
                            }),
                        },
                      )
                    }}
                  />
                ) : (
                  <span>
                    {milestone.doneAt ? '✓ ' : '○ '}
                    {label}
                    <span className="muted"> · {milestone.doneAt ? 'done' : 'open'}</span>
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {mark.isError ? <Alert tone="error">{errorMessage(mark.error)}</Alert> : null}
      {goal.isMine ? (
        <Disclosure label="Add a milestone">{(close) => <MilestoneForm goal={goal} onClose={close} />}</Disclosure>
      ) : null}
    </div>
  )
}

/** Stays open after a milestone is added, for the next step; Close folds it. */
function MilestoneForm({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const add = useAddMilestone()
  const [title, setTitle] = useState('')
  const [dueOn, setDueOn] = useState('')
  const [error, setError] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!title.trim()) return setError('Name the milestone')
    setError(null)
    add.mutate(
      { goalId: goal.id, title: title.trim(), dueOn: dueOn || null },
      {
        onSuccess: () => {
          setTitle('')
          setDueOn('')
        },
      },
    )
  }

  return (
    <form className="row" style={{ alignItems: 'end' }} onSubmit={submit} noValidate aria-label="Add a milestone">
      <TextField
        label="New milestone"
        className="grow"
        maxLength={200}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value)
          setError(null)
        }}
        error={error ?? (add.isError ? errorMessage(add.error) : null)}
      />
      <TextField label="By" type="date" isOptional value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      <div className="row">
        <Button type="submit" variant="secondary" isLoading={add.isPending}>
          Add milestone
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
    </form>
  )
}

function updateWords(update: GoalUpdate): string {
  const who = update.authorName ?? 'A former member'
  if (update.kind === 'progress') return `${who} set progress to ${update.progress ?? 0}%`
  return `${who} commented`
}

function Updates({ goal }: { goal: Goal }) {
  if (goal.latestUpdates.length === 0) return null
  return (
    <div className="stack" style={{ gap: 8 }}>
      <p className="subheading">Updates and comments</p>
      <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0, gap: 8 }}>
        {goal.latestUpdates.map((update) => (
          <li key={update.id}>
            <p style={{ margin: 0 }}>
              <strong>{updateWords(update)}</strong> <span className="muted">· {formatDateTime(update.createdAt)}</span>
            </p>
            {update.body ? <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{update.body}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

function CommentForm({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const post = usePostGoalUpdate()
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!body.trim()) return setError('Write a comment')
    setError(null)
    post.mutate({ goalId: goal.id, kind: 'comment', body: body.trim() }, { onSuccess: onClose })
  }

  return (
    <form className="stack" style={{ gap: 8 }} onSubmit={submit} noValidate aria-label={`Comment on ${goal.title}`}>
      <TextAreaField
        label={goal.isMine ? 'Reply or add a thought' : 'Comment on this goal'}
        rows={2}
        maxLength={4000}
        value={body}
        onChange={(event) => {
          setBody(event.target.value)
          setError(null)
        }}
        error={error ?? (post.isError ? errorMessage(post.error) : null)}
      />
      <div className="row">
        <Button type="submit" variant="secondary" isLoading={post.isPending}>
          Post comment
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
