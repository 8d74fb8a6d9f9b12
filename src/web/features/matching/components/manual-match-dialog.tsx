import { type FormEvent, useState } from 'react'
import type { UnmatchedPerson } from '#contracts/matching.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { useCreateManualMatch } from '../api/use-create-manual-match.ts'

/** Match unmatched people by hand: two (a pair, or a mentor and a mentee) or a circle. */
export function ManualMatchDialog({
  program,
  unmatched,
  isOpen,
  onClose,
  onCreated,
}: {
  program: ProgramView
  unmatched: UnmatchedPerson[]
  isOpen: boolean
  onClose: () => void
  onCreated: (message: string) => void
}) {
  const isCircle = program.type === 'coaching_circle'
  return (
    <Dialog
      isOpen={isOpen}
      title="Match by hand"
      description={
        isCircle
          ? `Choose ${program.matchingRules.circles.minSize} to ${program.matchingRules.circles.maxSize} people for a circle. The program's hard rules still apply.`
          : program.type === 'peer_mentoring'
            ? 'Choose a mentor and a mentee. The program’s hard rules still apply.'
            : 'Choose two people. The program’s hard rules still apply.'
      }
      onClose={onClose}
    >
      {isOpen ? (
        <ManualMatchForm program={program} unmatched={unmatched} onCancel={onClose} onCreated={onCreated} />
      ) : null}
    </Dialog>
  )
}

function ManualMatchForm({
  program,
  unmatched,
  onCancel,
  onCreated,
}: {
  program: ProgramView
  unmatched: UnmatchedPerson[]
  onCancel: () => void
  onCreated: (message: string) => void
}) {
  const create = useCreateManualMatch(program.id)
  const [chosen, setChosen] = useState<string[]>([])
  const [isLocked, setIsLocked] = useState(true)
  const [localError, setLocalError] = useState<string | null>(null)
  const isCircle = program.type === 'coaching_circle'
  const max = isCircle ? program.matchingRules.circles.maxSize : 2
  const min = isCircle ? program.matchingRules.circles.minSize : 2

  function submit(event: FormEvent) {
    event.preventDefault()
    if (chosen.length < min || chosen.length > max) {
      setLocalError(isCircle ? `Choose ${min} to ${max} people.` : 'Choose exactly two people.')
      return
    }
    setLocalError(null)
    create.mutate(
      { personIds: chosen, isLocked },
      {
        onSuccess: (match) => onCreated(`${match.members.map((member) => member.name).join(' and ')} are matched.`),
      },
    )
  }

  const error = localError ?? (create.isError ? errorMessage(create.error) : null)
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Match by hand">
      {error ? (
        <Alert tone="error" title={create.isError ? 'This match is refused' : undefined} isErrorSummary ref={errorRef}>
          {error}
        </Alert>
      ) : null}
      {unmatched.length < 2 ? (
        <p>There are not enough unmatched people to match by hand.</p>
      ) : (
        <fieldset className="fieldset">
          <legend>People to match ({chosen.length} chosen)</legend>
          <div className="stack choice-list" style={{ gap: 8 }}>
            {unmatched.map((person) => (
              <Checkbox
                key={person.personId}
                label={
                  <>
                    {person.name}{' '}
                    <span className="muted">· {[person.title, person.department].filter(Boolean).join(' · ')}</span>
                  </>
                }
                checked={chosen.includes(person.personId)}
                onChange={(event) => {
                  setLocalError(null)
                  create.reset()
                  setChosen((current) =>
                    event.target.checked
                      ? [...current, person.personId]
                      : current.filter((id) => id !== person.personId),
                  )
                }}
              />
            ))}
          </div>
        </fieldset>
      )}
      <Checkbox
        label="Lock this match so re-runs keep it"
        checked={isLocked}
        onChange={(event) => setIsLocked(event.target.checked)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={create.isPending} disabled={unmatched.length < 2}>
          Create match
        </Button>
      </DialogActions>
    </form>
  )
}
