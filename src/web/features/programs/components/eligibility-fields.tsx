import { Button } from '#web/components/ui/button.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import type { FieldErrors } from '#web/lib/forms.ts'
import { fieldMessage } from '#web/lib/forms.ts'
import { usePeopleFacets } from '../api/use-people-facets.ts'
import { PersonPicker, type PickedPerson } from './person-picker.tsx'

export interface EligibilityDraft {
  kind: 'everyone' | 'departments' | 'people'
  departments: string[]
  people: PickedPerson[]
}

const kinds: { value: EligibilityDraft['kind']; label: string }[] = [
  { value: 'everyone', label: 'Everyone in the organization' },
  { value: 'departments', label: 'People in some departments' },
  { value: 'people', label: 'A list of people' },
]

/** Who may enroll: everyone, some departments, or people picked one by one. */
export function EligibilityFields({
  value,
  onChange,
  errors,
}: {
  value: EligibilityDraft
  onChange: (value: EligibilityDraft) => void
  errors: FieldErrors
}) {
  const facets = usePeopleFacets()
  const departmentsError = fieldMessage('Departments', errors['eligibility.departments'])
  const peopleError = fieldMessage('People', errors['eligibility.personIds'])
  return (
    <div className="stack">
      <fieldset className="fieldset">
        <legend>Who may enroll</legend>
        <div className="stack" style={{ gap: 8 }}>
          {kinds.map((kind) => (
            <label key={kind.value} className="checkbox">
              <input
                type="radio"
                name="eligibility"
                value={kind.value}
                checked={value.kind === kind.value}
                onChange={() => onChange({ ...value, kind: kind.value })}
              />
              <span>{kind.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {value.kind === 'departments' ? (
        <fieldset
          className="fieldset"
          aria-describedby={departmentsError ? 'eligibility-departments-error' : undefined}
        >
          <legend>Departments</legend>
          {facets.data ? (
            <div className="chip-group">
              {facets.data.departments.map((department) => (
                <label key={department} className="chip-toggle">
                  <input
                    type="checkbox"
                    aria-invalid={departmentsError ? true : undefined}
                    checked={value.departments.includes(department)}
                    onChange={(event) =>
                      onChange({
                        ...value,
                        departments: event.target.checked
                          ? [...value.departments, department]
                          : value.departments.filter((item) => item !== department),
                      })
                    }
                  />
                  <span>{department}</span>
                </label>
              ))}
            </div>
          ) : (
            <p className="field-hint">Loading departments…</p>
          )}
          {departmentsError ? <FieldError id="eligibility-departments-error" message={departmentsError} /> : null}
        </fieldset>
      ) : null}
      {value.kind === 'people' ? (
        <div className="stack" style={{ gap: 8 }}>
          <PersonPicker
            label="Find people to invite to enroll"
            excludeIds={value.people.map((person) => person.id)}
            onPick={(person) => onChange({ ...value, people: [...value.people, { id: person.id, name: person.name }] })}
            error={peopleError}
          />
          {value.people.length > 0 ? (
            <ul className="tag-list" aria-label="People who may enroll">
              {value.people.map((person) => (
                <li key={person.id} className="tag">
                  {person.name}
                  <button
                    type="button"
                    className="tag-remove"
                    aria-label={`Remove ${person.name}`}
                    onClick={() => onChange({ ...value, people: value.people.filter((item) => item.id !== person.id) })}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="field-hint">No one chosen yet.</p>
          )}
          {value.people.length > 0 ? (
            <div>
              <Button variant="ghost" size="small" onClick={() => onChange({ ...value, people: [] })}>
                Clear the list
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
