import { FieldError } from './field.tsx'

/** A 1-5 rating as a radio group with a legend (self-assessments, scale questions). */
export function RatingGroup({
  id,
  legend,
  hint,
  value,
  onChange,
  error,
  lowLabel = 'Beginner',
  highLabel = 'Expert',
}: {
  id: string
  legend: string
  hint?: string
  value: number | undefined
  onChange: (value: number) => void
  error?: string
  lowLabel?: string
  highLabel?: string
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <fieldset className="fieldset" aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="rating">
        <span className="rating-end" aria-hidden="true">
          {lowLabel}
        </span>
        <div className="chip-group">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="chip-toggle">
              <input
                type="radio"
                name={id}
                value={n}
                checked={value === n}
                aria-invalid={error ? true : undefined}
                aria-label={
                  n === 1 ? `1, ${lowLabel.toLowerCase()}` : n === 5 ? `5, ${highLabel.toLowerCase()}` : String(n)
                }
                onChange={() => onChange(n)}
              />
              <span aria-hidden="true">{n}</span>
            </label>
          ))}
        </div>
        <span className="rating-end" aria-hidden="true">
          {highLabel}
        </span>
      </div>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </fieldset>
  )
}
