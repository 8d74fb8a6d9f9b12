import type { EnrollmentQuestion } from '#contracts/programs.ts'
import { FieldError } from '#web/components/ui/field.tsx'
import { RatingGroup } from '#web/components/ui/rating-group.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'

/** An answer as the form holds it: text, the chosen option(s), or a rating. */
export type Answer = string | string[] | number

/** One enrollment question, answered as its kind asks: a text, a rating, or one or more options. */
export function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: EnrollmentQuestion
  value: Answer | undefined
  onChange: (answer: Answer) => void
  error: string | undefined
}) {
  const id = `answer-${question.id}`
  const errorId = `${id}-error`
  if (question.kind === 'short_text') {
    return (
      <TextField
        label={question.prompt}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
        isOptional={!question.isRequired}
        error={error}
        required={question.isRequired}
      />
    )
  }
  if (question.kind === 'scale') {
    return (
      <RatingGroup
        id={id}
        legend={question.isRequired ? question.prompt : `${question.prompt} (optional)`}
        value={typeof value === 'number' ? value : undefined}
        onChange={onChange}
        error={error}
        lowLabel="Not at all"
        highLabel="Very much"
      />
    )
  }
  const isMultiple = question.kind === 'multiple_choice'
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>
        {question.prompt}
        {question.isRequired ? null : <span className="field-optional"> (optional)</span>}
      </legend>
      {isMultiple ? <p className="field-hint">Choose any that apply.</p> : null}
      <div className="stack" style={{ gap: 8 }}>
        {(question.options ?? []).map((option) => (
          <label key={option} className="checkbox">
            <input
              type={isMultiple ? 'checkbox' : 'radio'}
              name={id}
              checked={chosen.includes(option)}
              aria-invalid={error ? true : undefined}
              onChange={(event) =>
                onChange(
                  isMultiple
                    ? event.target.checked
                      ? [...chosen, option]
                      : chosen.filter((item) => item !== option)
                    : option,
                )
              }
            />
            <span>{option}</span>
          </label>
        ))}
      </div>
      {error ? <FieldError id={errorId} message={error} /> : null}
    </fieldset>
  )
}
