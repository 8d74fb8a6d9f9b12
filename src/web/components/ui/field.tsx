import { type ReactNode, useId } from 'react'

export interface FieldProps {
  label: ReactNode
  hint?: ReactNode
  error?: string | null
  isOptional?: boolean
  className?: string
}

/** Ids and attributes a control needs to be labelled and described by its hint and error. */
export function useFieldIds(id?: string) {
  const generated = useId()
  const controlId = id ?? `field${generated.replace(/:/g, '')}`
  return { controlId, hintId: `${controlId}-hint`, errorId: `${controlId}-error` }
}

export function describedBy(ids: { hintId: string; errorId: string }, hint: unknown, error: unknown) {
  const parts = [error ? ids.errorId : null, hint ? ids.hintId : null].filter(Boolean)
  return parts.length ? parts.join(' ') : undefined
}

export function FieldShell({
  controlId,
  hintId,
  errorId,
  label,
  hint,
  error,
  isOptional,
  className,
  children,
}: FieldProps & { controlId: string; hintId: string; errorId: string; children: ReactNode }) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={controlId}>
        {label}
        {isOptional ? <span className="field-optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? <FieldError id={errorId} message={error} /> : null}
    </div>
  )
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="field-error" id={id}>
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" style={{ flex: 'none', marginTop: 2 }}>
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <rect x="7.1" y="3.8" width="1.8" height="5.4" rx="0.9" fill="#fff" />
        <circle cx="8" cy="11.6" r="1.05" fill="#fff" />
      </svg>
      <span>{message}</span>
    </p>
  )
}
