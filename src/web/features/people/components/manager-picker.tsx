import { useDeferredValue, useEffect, useId } from 'react'
import type { Person } from '#contracts/people.ts'
import { describedBy, FieldShell, useFieldIds } from '#web/components/ui/field.tsx'
import { usePeople } from '../api/use-people.ts'

export function managerOptionLabel(person: Pick<Person, 'name' | 'email'>) {
  return `${person.name} (${person.email})`
}

/**
 * Pick a manager by typing a name; suggestions come from the directory. Every suggestion shown is
 * reported through `onSeen`, so the form can turn the chosen text back into a person id.
 */
export function ManagerPicker({
  value,
  onChange,
  excludeId,
  error,
  onSeen,
}: {
  value: string
  onChange: (text: string) => void
  excludeId: string
  error?: string
  onSeen: (people: Person[]) => void
}) {
  const ids = useFieldIds()
  const listId = `managers${useId().replace(/:/g, '')}`
  // "Ada Admin (ada@acme.test)" searches for "Ada Admin".
  const search = useDeferredValue(value.replace(/\s*\(.*$/, '').trim())
  const candidates = usePeople({ q: search || undefined, status: 'active', limit: 20 })
  const people = (candidates.data?.people ?? []).filter((person) => person.id !== excludeId)
  const hint = 'Type a name and choose from the suggestions. Leave empty for no manager.'

  useEffect(() => {
    if (candidates.data) onSeen(candidates.data.people)
  }, [candidates.data, onSeen])

  return (
    <FieldShell {...ids} label="Manager" hint={hint} error={error}>
      <input
        id={ids.controlId}
        className="input"
        list={listId}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {people.map((person) => (
          <option key={person.id} value={managerOptionLabel(person)} />
        ))}
      </datalist>
    </FieldShell>
  )
}
