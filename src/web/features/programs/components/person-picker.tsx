import { useId, useState } from 'react'
import { accessStatusText, type Person } from '#contracts/people.ts'
import { Button } from '#web/components/ui/button.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { formatDate } from '#web/lib/format.ts'
import { usePeopleSearch } from '../api/use-people-search.ts'

export interface PickedPerson {
  id: string
  name: string
}

/**
 * Search people by name, email or title and pick them one by one ("Add Ana Lima"): active people, and
 * with `isInvitedIncluded` also those who have not signed up yet (marked so).
 */
export function PersonPicker({
  label,
  hint,
  actionLabel = 'Add',
  excludeIds = [],
  onPick,
  error,
  isInvitedIncluded = false,
}: {
  isInvitedIncluded?: boolean
  label: string
  hint?: string
  actionLabel?: string
  excludeIds?: string[]
  onPick: (person: Person) => void
  error?: string | null
}) {
  const [q, setQ] = useState('')
  const resultsId = useId()
  const people = usePeopleSearch(q, { limit: 8, include: isInvitedIncluded ? 'whoCanEnroll' : 'active' })
  const results = (people.data?.people ?? []).filter((person) => !excludeIds.includes(person.id))
  const hasQuery = q.trim().length > 0
  return (
    <div className="person-picker">
      <TextField
        label={label}
        hint={hint ?? 'Type a name, email or title.'}
        type="search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        autoComplete="off"
        aria-controls={resultsId}
        error={error}
      />
      <div id={resultsId} aria-live="polite">
        {!hasQuery ? null : people.isPending ? (
          <p className="field-hint">Searching…</p>
        ) : results.length === 0 ? (
          <p className="field-hint">No one matches “{q.trim()}”.</p>
        ) : (
          <ul className="picker-results" aria-label={`People matching ${q.trim()}`}>
            {results.map((person) => (
              <li key={person.id}>
                <span className="person-cell-text">
                  <span>
                    {person.name}
                    {person.access.status === 'active' ? null : (
                      <span className="muted"> ({accessStatusText(person.access, formatDate).toLowerCase()})</span>
                    )}
                  </span>
                  <span className="muted">{[person.title, person.department].filter(Boolean).join(' · ')}</span>
                </span>
                <Button
                  variant="secondary"
                  size="small"
                  onClick={() => onPick(person)}
                  aria-label={`${actionLabel} ${person.name}`}
                >
                  {actionLabel}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
