import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { describedBy, type FieldProps, FieldShell, useFieldIds } from './field.tsx'

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'children'>

export function TextField({ label, hint, error, isOptional, className, id, ...inputProps }: TextFieldProps) {
  const ids = useFieldIds(id)
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} isOptional={isOptional} className={className}>
      <input
        id={ids.controlId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...inputProps}
      />
    </FieldShell>
  )
}

type TextAreaFieldProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & { isCode?: boolean }

export function TextAreaField({ label, hint, error, isOptional, className, id, isCode, ...props }: TextAreaFieldProps) {
  const ids = useFieldIds(id)
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} isOptional={isOptional} className={className}>
      <textarea
        id={ids.controlId}
        className={isCode ? 'textarea textarea-code' : 'textarea'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...props}
      />
    </FieldShell>
  )
}
