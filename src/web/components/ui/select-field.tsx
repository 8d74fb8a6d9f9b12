import type { SelectHTMLAttributes } from 'react'
import { describedBy, type FieldProps, FieldShell, useFieldIds } from './field.tsx'

export interface SelectOption {
  value: string
  label: string
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
    options: SelectOption[]
    /** A first option with an empty value ("Any department"). */
    placeholder?: string
  }

export function SelectField({
  label,
  hint,
  error,
  isOptional,
  className,
  id,
  options,
  placeholder,
  ...selectProps
}: SelectFieldProps) {
  const ids = useFieldIds(id)
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} isOptional={isOptional} className={className}>
      <select
        id={ids.controlId}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...selectProps}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}
