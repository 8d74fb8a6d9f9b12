import { type KeyboardEvent, useId, useState } from 'react'
import { Button } from './button.tsx'
import { describedBy, FieldError } from './field.tsx'

export interface TagOption {
  value: string
  label: string
}

/**
 * A list of chosen values with an entry box: type (with suggestions) and press Enter or "Add".
 * With `isRestricted`, only values from `options` are accepted.
 */
export function TagInput({
  label,
  values,
  onChange,
  options = [],
  isRestricted = false,
  hint,
  error,
  placeholder,
  id,
}: {
  label: string
  values: string[]
  onChange: (values: string[]) => void
  options?: TagOption[]
  isRestricted?: boolean
  hint?: string
  error?: string | null
  placeholder?: string
  id?: string
}) {
  const generated = useId().replace(/:/g, '')
  const controlId = id ?? `tags${generated}`
  const ids = { hintId: `${controlId}-hint`, errorId: `${controlId}-error` }
  const listId = `${controlId}-options`
  const [draft, setDraft] = useState('')
  const [entryError, setEntryError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')

  const labelOf = (value: string) => options.find((option) => option.value === value)?.label ?? value
  const available = options.filter((option) => !values.includes(option.value))

  function add() {
    const text = draft.trim()
    if (!text) return
    const match = options.find(
      (option) =>
        option.label.toLowerCase() === text.toLowerCase() || option.value.toLowerCase() === text.toLowerCase(),
    )
    if (isRestricted && !match) {
      setEntryError(`"${text}" is not in the list. Choose one of the suggestions.`)
      return
    }
    const value = match ? match.value : text
    if (values.includes(value)) {
      setEntryError(`${labelOf(value)} is already added.`)
      return
    }
    onChange([...values, value])
    setDraft('')
    setEntryError(null)
    setAnnouncement(`${labelOf(value)} added`)
  }

  function remove(value: string) {
    onChange(values.filter((item) => item !== value))
    setAnnouncement(`${labelOf(value)} removed`)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      add()
    }
  }

  const shownError = entryError ?? error ?? null
  const hintText = hint ?? 'Type to see suggestions, then press Enter or choose Add.'
  return (
    <div className="field tag-input">
      <label className="field-label" htmlFor={controlId}>
        {label}
      </label>
      <p className="field-hint" id={ids.hintId}>
        {hintText}
      </p>
      {values.length > 0 ? (
        <ul className="tag-list">
          {values.map((value) => (
            <li key={value} className="tag">
              {labelOf(value)}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${labelOf(value)}`}
                onClick={() => remove(value)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">None yet.</p>
      )}
      <div className="tag-entry">
        <input
          id={controlId}
          className="input"
          list={listId}
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy(ids, hintText, shownError)}
          onChange={(event) => {
            setDraft(event.target.value)
            setEntryError(null)
          }}
          onKeyDown={onKeyDown}
        />
        <Button variant="secondary" onClick={add}>
          Add
        </Button>
      </div>
      <datalist id={listId}>
        {available.map((option) => (
          <option key={option.value} value={option.label} />
        ))}
      </datalist>
      {shownError ? <FieldError id={ids.errorId} message={shownError} /> : null}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  )
}
