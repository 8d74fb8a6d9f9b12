import { type FormEvent, useState } from 'react'
import type { ReviewMatch, UnmatchedPerson } from '#contracts/matching.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { describedBy, FieldShell, useFieldIds } from '#web/components/ui/field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { useSwapMembers } from '../api/use-swap-members.ts'
import { namesList } from './criteria.ts'

/** Replace one member of a proposal with an unmatched person or a member of another proposal. */
export function SwapDialog({
  programId,
  match,
  otherMatches,
  unmatched,
  onClose,
  onSwapped,
}: {
  programId: string
  match: ReviewMatch | null
  otherMatches: ReviewMatch[]
  unmatched: UnmatchedPerson[]
  onClose: () => void
  onSwapped: (message: string) => void
}) {
  return (
    <Dialog
      isOpen={match !== null}
      title="Swap a member"
      description="The hard rules still apply: a swap that breaks one is refused with the reason."
      onClose={onClose}
    >
      {match ? (
        <SwapForm
          programId={programId}
          match={match}
          otherMatches={otherMatches}
          unmatched={unmatched}
          onCancel={onClose}
          onSwapped={onSwapped}
        />
      ) : null}
    </Dialog>
  )
}

function SwapForm({
  programId,
  match,
  otherMatches,
  unmatched,
  onCancel,
  onSwapped,
}: {
  programId: string
  match: ReviewMatch
  otherMatches: ReviewMatch[]
  unmatched: UnmatchedPerson[]
  onCancel: () => void
  onSwapped: (message: string) => void
}) {
  const swap = useSwapMembers(programId)
  const [personId, setPersonId] = useState(match.members[0]?.personId ?? '')
  const [withPersonId, setWithPersonId] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)
  const withIds = useFieldIds()
  const nameOf = (id: string) =>
    [...match.members, ...otherMatches.flatMap((m) => m.members), ...unmatched].find((p) => p.personId === id)?.name ??
    'them'

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!withPersonId) {
      setLocalError('Choose who takes their place.')
      return
    }
    setLocalError(null)
    swap.mutate(
      { matchId: match.id, personId, withPersonId },
      { onSuccess: () => onSwapped(`${nameOf(withPersonId)} takes the place of ${nameOf(personId)}.`) },
    )
  }

  const error = localError ?? (swap.isError ? errorMessage(swap.error) : null)
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Swap a member">
      {error ? (
        <Alert tone="error" title={swap.isError ? 'This swap is refused' : undefined} isErrorSummary ref={errorRef}>
          {error}
        </Alert>
      ) : null}
      <fieldset className="fieldset">
        <legend>Member to replace</legend>
        <div className="stack" style={{ gap: 8 }}>
          {match.members.map((member) => (
            <label key={member.personId} className="checkbox">
              <input
                type="radio"
                name="swap-person"
                checked={personId === member.personId}
                onChange={() => {
                  setPersonId(member.personId)
                  swap.reset()
                }}
              />
              <span>{member.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FieldShell {...withIds} label="Replace with">
        <select
          id={withIds.controlId}
          className="select"
          value={withPersonId}
          aria-describedby={describedBy(withIds, null, null)}
          onChange={(event) => {
            setWithPersonId(event.target.value)
            setLocalError(null)
            swap.reset()
          }}
        >
          <option value="">Choose a person</option>
          {unmatched.length > 0 ? (
            <optgroup label="Unmatched">
              {unmatched.map((person) => (
                <option key={person.personId} value={person.personId}>
                  {person.name} ({person.department})
                </option>
              ))}
            </optgroup>
          ) : null}
          {otherMatches.length > 0 ? (
            <optgroup label="In another proposal">
              {otherMatches.flatMap((other) =>
                other.members.map((member) => (
                  <option key={member.personId} value={member.personId}>
                    {member.name} (with{' '}
                    {namesList(other.members.filter((m) => m.personId !== member.personId).map((m) => m.name))})
                  </option>
                )),
              )}
            </optgroup>
          ) : null}
        </select>
      </FieldShell>
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={swap.isPending}>
          Swap
        </Button>
      </DialogActions>
    </form>
  )
}
