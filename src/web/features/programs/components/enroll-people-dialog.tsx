import { type FormEvent, useState } from 'react'
import type { EnrollPeopleResult } from '#contracts/enrollments.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { plural } from '#web/lib/format.ts'
import { useEnrollPeople } from '../api/use-enroll-people.ts'
import { usePeopleFacets } from '../api/use-people-facets.ts'
import { usePeopleSearch } from '../api/use-people-search.ts'
import { PersonPicker, type PickedPerson } from './person-picker.tsx'

/** Enroll people on their behalf: pick them one by one or a department at a time. */
export function EnrollPeopleDialog({
  program,
  isOpen,
  onClose,
  onEnrolled,
}: {
  program: ProgramView
  isOpen: boolean
  onClose: () => void
  onEnrolled: (result: EnrollPeopleResult) => void
}) {
  return (
    <Dialog
      isOpen={isOpen}
      title="Enroll people"
      description="Anyone active or invited can be enrolled, with the skills from their profile; they are asked to accept the confidentiality terms before they enter their match. People who have not signed up yet get one email that invites them and names the program."
      onClose={onClose}
    >
      {isOpen ? <EnrollPeopleForm program={program} onCancel={onClose} onEnrolled={onEnrolled} /> : null}
    </Dialog>
  )
}

function EnrollPeopleForm({
  program,
  onCancel,
  onEnrolled,
}: {
  program: ProgramView
  onCancel: () => void
  onEnrolled: (result: EnrollPeopleResult) => void
}) {
  const enroll = useEnrollPeople(program.id)
  const facets = usePeopleFacets()
  const [people, setPeople] = useState<PickedPerson[]>([])
  const [department, setDepartment] = useState('')
  const departmentPeople = usePeopleSearch('', { department: department || undefined, limit: 100, include: 'everyone' })
  const [departmentNotice, setDepartmentNotice] = useState<string | null>(null)
  const [role, setRole] = useState<'mentee' | 'mentor'>('mentee')
  const [localError, setLocalError] = useState<string | null>(null)
  const isMentoring = program.type === 'peer_mentoring'

  function add(list: PickedPerson[]) {
    setPeople((current) => [...current, ...list.filter((person) => !current.some((item) => item.id === person.id))])
    setLocalError(null)
  }

  /** Adds everyone of the department who can be enrolled, and says how many and why not the others. */
  function addDepartment() {
    const everyone = departmentPeople.data?.people ?? []
    const total = departmentPeople.data?.total ?? everyone.length
    const deactivated = everyone.filter((person) => person.access.status === 'deactivated')
    const chosen = everyone.filter(
      (person) => person.access.status !== 'deactivated' && people.some((item) => item.id === person.id),
    )
    const added = everyone.filter(
      (person) => person.access.status !== 'deactivated' && !people.some((item) => item.id === person.id),
    )
    add(added.map((person) => ({ id: person.id, name: person.name })))
    const notSignedUp = added.filter((person) => person.access.status !== 'active').length
    const reasons = [
      deactivated.length > 0 ? `${plural(deactivated.length, 'is', 'are')} deactivated` : null,
      chosen.length > 0 ? `${plural(chosen.length, 'was', 'were')} already in the list` : null,
      total > everyone.length ? `${total - everyone.length} more are beyond the first ${everyone.length}` : null,
    ].filter(Boolean)
    setDepartmentNotice(
      `Added ${added.length} of ${plural(total, 'person', 'people')} in ${department}${
        notSignedUp > 0 ? ` (${notSignedUp} not signed up yet: they will be invited)` : ''
      }${reasons.length > 0 ? `; not added: ${reasons.join(', ')}` : ''}.`,
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (people.length === 0) {
      setLocalError('Choose at least one person to enroll.')
      return
    }
    enroll.mutate(
      { personIds: people.map((person) => person.id), ...(isMentoring ? { mentoringRole: role } : {}) },
      { onSuccess: onEnrolled },
    )
  }

  const error = localError ?? (enroll.isError ? errorMessage(enroll.error) : null)
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Enroll people">
      {error ? (
        <Alert tone="error" isErrorSummary ref={errorRef}>
          {error}
        </Alert>
      ) : null}
      <PersonPicker
        isInvitedIncluded
        label="Find people"
        excludeIds={people.map((person) => person.id)}
        onPick={(person) => add([{ id: person.id, name: person.name }])}
      />
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <SelectField
          label="Or a whole department"
          options={(facets.data?.departments ?? []).map((name) => ({ value: name, label: name }))}
          placeholder="Choose a department"
          value={department}
          onChange={(event) => setDepartment(event.target.value)}
          className="grow"
        />
        <Button
          variant="secondary"
          disabled={!department || !departmentPeople.data || departmentPeople.isPlaceholderData}
          onClick={addDepartment}
        >
          Add everyone in {department || 'the department'}
        </Button>
      </div>
      {departmentNotice ? (
        <p className="field-hint" role="status" style={{ margin: 0 }}>
          {departmentNotice}
        </p>
      ) : null}
      {isMentoring ? (
        <SelectField
          label="Their role"
          options={[
            { value: 'mentee', label: 'Mentees' },
            { value: 'mentor', label: 'Mentors (with the program’s default capacity)' },
          ]}
          value={role}
          onChange={(event) => setRole(event.target.value as 'mentee' | 'mentor')}
        />
      ) : null}
      <div>
        <p className="field-label" style={{ margin: '0 0 6px' }}>
          {people.length === 0 ? 'No one chosen yet' : `${plural(people.length, 'person', 'people')} to enroll`}
        </p>
        {people.length > 0 ? (
          <ul className="tag-list" aria-label="People to enroll">
            {people.map((person) => (
              <li key={person.id} className="tag">
                {person.name}
                <button
                  type="button"
                  className="tag-remove"
                  aria-label={`Remove ${person.name}`}
                  onClick={() => setPeople((current) => current.filter((item) => item.id !== person.id))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={enroll.isPending}>
          {people.length > 0 ? `Enroll ${plural(people.length, 'person', 'people')}` : 'Enroll'}
        </Button>
      </DialogActions>
    </form>
  )
}
