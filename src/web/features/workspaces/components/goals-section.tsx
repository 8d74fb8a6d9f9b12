import { type FormEvent, useRef, useState } from 'react'
import { CreateGoalBodySchema, type Goal, type Workspace } from '#contracts/workspaces.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useViewer } from '#web/lib/session.ts'
import { useSetGoal } from '../api/use-set-goal.ts'
import { GoalCard } from './goal-card.tsx'
import { goalGroups } from './goal-groups.ts'

function intro(workspace: Workspace): string {
  if (workspace.program.type === 'peer_mentoring') {
    return workspace.myRole === 'mentee'
      ? 'In mentoring you, the mentee, set the goals; your mentor follows them and comments.'
      : 'In mentoring the mentee sets the goals; you follow them and comment.'
  }
  if (workspace.program.type === 'coaching_circle') return 'Every member of the circle sets their own goals.'
  return 'Coaching runs both ways: each of you sets goals, and each follows the other’s.'
}

/** Every member's goals, with milestones and progress; my partners comment on mine. */
export function GoalsSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const viewer = useViewer()
  const [isAdding, setIsAdding] = useState(false)
  const [announcement, setAnnouncement] = useState<string | null>(null)
  const groups = goalGroups(workspace, viewer.id)

  return (
    <section className="card stack" aria-labelledby="goals-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="goals-heading" className="card-title" style={{ margin: 0 }}>
          Goals
        </h2>
        {workspace.canOwnGoals && !isAdding ? (
          <Button
            id="add-goal-button"
            onClick={() => {
              setAnnouncement(null)
              setIsAdding(true)
            }}
          >
            Add a goal
          </Button>
        ) : null}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {intro(workspace)}
      </p>
      <Announcement message={announcement} />
      {isAdding ? (
        <GoalForm
          matchId={matchId}
          onCancel={() => {
            setIsAdding(false)
            requestAnimationFrame(() => document.getElementById('add-goal-button')?.focus())
          }}
          onSaved={(goal) => {
            setIsAdding(false)
            setAnnouncement(`Your goal “${goal.title}” is added.`)
            requestAnimationFrame(() => document.getElementById(`goal-${goal.id}-title`)?.focus())
          }}
        />
      ) : null}
      {groups.map((group) => (
        <section key={group.ownerId} className="stack" aria-labelledby={`goals-of-${group.ownerId}`}>
          <h3 id={`goals-of-${group.ownerId}`} className="subheading">
            {group.title}
          </h3>
          {group.goals.length === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              {group.isMine
                ? 'No goals yet. Set a specific goal: what you want to achieve, how you will measure it, the target and when.'
                : 'No goals yet. When they set one, it appears here and you can comment on it.'}
            </p>
          ) : (
            group.goals.map((goal) => <GoalCard key={goal.id} goal={goal} />)
          )}
        </section>
      ))}
    </section>
  )
}

function GoalForm({
  matchId,
  onCancel,
  onSaved,
}: {
  matchId: string
  onCancel: () => void
  onSaved: (goal: Goal) => void
}) {
  const setGoal = useSetGoal(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [title, setTitle] = useState('')
  const [measure, setMeasure] = useState('')
  const [target, setTarget] = useState('')
  const [dueOn, setDueOn] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(CreateGoalBodySchema, { title, measure, target, dueOn })
    if (result.errors) {
      return fail(
        result.errors.dueOn && !dueOn
          ? { ...result.errors, dueOn: 'Choose the date you aim to reach it' }
          : result.errors,
      )
    }
    setGoal.mutate(result.data, {
      onSuccess: onSaved,
      onError: (error) => {
        if (isApiError(error, 'mentee_owns_goals')) return fail({}, error.message)
        failWith(error, ['title', 'measure', 'target', 'dueOn'])
      },
    })
  }

  return (
    <form ref={formRef} className="stack card" onSubmit={submit} noValidate aria-labelledby="goal-form-heading">
      <h3 id="goal-form-heading" className="subheading">
        Add a goal
      </h3>
      <FormErrorSummary message={formError} />
      <TextField
        label="Goal"
        hint="Specific: what you will do, for example “Run my team's weekly meeting without over-running”."
        maxLength={200}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value)
          clearField('title')
        }}
        error={fieldMessage('Goal', fieldErrors.title)}
      />
      <TextAreaField
        label="How it will be measured"
        hint="What you or your partner can observe or count."
        rows={2}
        maxLength={1000}
        value={measure}
        onChange={(event) => {
          setMeasure(event.target.value)
          clearField('measure')
        }}
        error={fieldMessage('How it will be measured', fieldErrors.measure)}
      />
      <TextField
        label="Target"
        hint="The level that means done, for example “4 meetings in a row ending on time”."
        maxLength={500}
        value={target}
        onChange={(event) => {
          setTarget(event.target.value)
          clearField('target')
        }}
        error={fieldMessage('Target', fieldErrors.target)}
      />
      <TextField
        label="Due date"
        type="date"
        value={dueOn}
        onChange={(event) => {
          setDueOn(event.target.value)
          clearField('dueOn')
        }}
        error={fieldMessage('Due date', fieldErrors.dueOn)}
      />
      <div className="row">
        <Button type="submit" isLoading={setGoal.isPending}>
          Save the goal
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
