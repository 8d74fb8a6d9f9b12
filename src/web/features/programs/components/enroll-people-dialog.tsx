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
      description="They are enrolled with the skills from their profile and asked to accept the confidentiality terms."
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
  const departmentPeople = usePeopleSearch('', { department: department || undefined, limit: 100 })
  const [role, setRole] = useState<'mentee' | 'mentor'>('mentee')
  const [localError, setLocalError] = useState<string | null>(null)
  const isMentoring = program.type === 'peer_mentoring'

  function add(list: PickedPerson[]) {
    setPeople((current) => [...current, ...list.filter((person) => !current.some((item) => item.id === person.id))])
    setLocalError(null)
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
          onClick={() =>
            add((departmentPeople.data?.people ?? []).map((person) => ({ id: person.id, name: person.name })))
          }
        >
          Add everyone in {department || 'the department'}
        </Button>
      </div>
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
