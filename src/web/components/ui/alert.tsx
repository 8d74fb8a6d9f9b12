import type { ReactNode, Ref } from 'react'

type Tone = 'error' | 'success' | 'info' | 'warning'

interface AlertProps {
  tone?: Tone
  title?: ReactNode
  children?: ReactNode
  /** Announce to screen readers when it appears (errors: assertive, others: polite). */
  isLive?: boolean
  /** Lets a form move focus here after a failed submit. */
  isErrorSummary?: boolean
  ref?: Ref<HTMLDivElement>
  id?: string
}

export function Alert({ tone = 'info', title, children, isLive = true, isErrorSummary = false, ref, id }: AlertProps) {
  const role = !isLive ? undefined : tone === 'error' ? 'alert' : 'status'
  return (
    <div
      ref={ref}
      id={id}
      className={`alert alert-${tone}`}
      role={role}
      tabIndex={isErrorSummary ? -1 : undefined}
      data-error-summary={isErrorSummary || undefined}
    >
      <div className="alert-body">
        {title ? <p className="alert-title">{title}</p> : null}
        {children}
      </div>
    </div>
  )
}

/** A form's error summary (focus moves to it after a failed submit); nothing while the form has no error. */
export function FormErrorSummary({ message }: { message: string | null | undefined }) {
  return message ? (
    <Alert tone="error" isErrorSummary>
      {message}
    </Alert>
  ) : null
}
