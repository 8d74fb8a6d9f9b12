import { useId } from 'react'
import { FieldError } from '#web/components/ui/field.tsx'

export interface Choice {
  value: string
  label: string
}

/** A required or optional single choice as a radio group with a legend (scales with words, yes/no/unsure). */
export function ChoiceGroup({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  isOptional = false,
}: {
  legend: string
  hint?: string
  options: Choice[]
  value: string | undefined
  onChange: (value: string) => void
  error?: string
  isOptional?: boolean
}) {
  const id = `choice${useId().replace(/:/g, '')}`
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <fieldset className="fieldset" aria-describedby={describedBy || undefined}>
      <legend>
        {legend}
        {isOptional ? <span className="field-optional"> (optional)</span> : null}
      </legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="chip-group">
        {options.map((option) => (
          <label key={option.value} className="chip-toggle">
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </fieldset>
  )
}

/** 1-5 with words: "Very low (1)" ... "Very good (5)". */
export function scaleChoices(words: readonly string[]): Choice[] {
  return words.map((word, index) => ({ value: String(index + 1), label: `${word} (${index + 1})` }))
}
