import { PROGRAM_TYPES, type ProgramType } from '#contracts/programs.ts'
import { programTypeLabel } from '#web/lib/format.ts'
import { programTypeExplanations } from './program-badges.tsx'

/** The type picker: a radio group where each choice says what the program involves. */
export function ProgramTypeChoice({
  value,
  onChange,
  isDisabled = false,
  hint,
}: {
  value: ProgramType | null
  onChange: (type: ProgramType) => void
  isDisabled?: boolean
  hint?: string
}) {
  return (
    <fieldset className="fieldset" disabled={isDisabled} aria-describedby={hint ? 'program-type-hint' : undefined}>
      <legend>Type of program</legend>
      {hint ? (
        <p className="field-hint" id="program-type-hint">
          {hint}
        </p>
      ) : null}
      <div className="type-choices">
        {PROGRAM_TYPES.map((type) => (
          <label key={type} className="type-choice">
            <input type="radio" name="program-type" checked={value === type} onChange={() => onChange(type)} />
            <span className="type-choice-text">
              <strong>{programTypeLabel(type)}</strong>
              <span className="type-choice-desc">{programTypeExplanations[type]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
