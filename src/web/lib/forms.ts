import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import type { ErrorCode } from '#contracts/errors.ts'
import { ApiError, errorMessage } from './api-client.ts'

export type FieldErrors = Record<string, string>

/** 'body.workingHours.end' -> 'workingHours.end' (the server prefixes where the value came from). */
function cleanPath(path: string): string {
  return path.replace(/^(body|query|params)(\.|$)/, '')
}

function addError(errors: FieldErrors, path: string, message: string) {
  if (!path) return
  if (!(path in errors)) errors[path] = message
  const top = path.split('.')[0]
  if (top && !(top in errors)) errors[top] = message
}

/** Field messages from an API error's details, keyed by the full path and by the top-level field. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const errors: FieldErrors = {}
  if (!(error instanceof ApiError)) return errors
  for (const detail of error.details) addError(errors, cleanPath(detail.path), detail.message)
  return errors
}

/** Validates values with a contract schema, giving the parsed data or the messages per field. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(values)
  if (result.success) return { data: result.data, errors: null }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) addError(errors, issue.path.map(String).join('.'), issue.message)
  return { data: null, errors }
}

/** "Email" + "must be a valid email address" -> "Email must be a valid email address". */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined
  return /^[a-z]/.test(message) && !message.toLowerCase().startsWith(label.toLowerCase())
    ? `${label} ${message}`
    : message
}

/**
 * A form's error state: messages per field and for the whole form. Each failure moves focus to the
 * first invalid field, or to the form's error summary when no field is to blame.
 */
export function useFormErrors(formRef: RefObject<HTMLElement | null>) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [failures, setFailures] = useState(0)
  const lastHandled = useRef(0)

  useEffect(() => {
    if (failures === 0 || failures === lastHandled.current || !formRef.current) return
    lastHandled.current = failures
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current.querySelector<HTMLElement>('[data-error-summary]')
    target?.focus()
  }, [failures, formRef])

  const fail = useCallback((errors: FieldErrors, message: string | null = null) => {
    setFieldErrors(errors)
    setFormError(message)
    setFailures((count) => count + 1)
  }, [])

  /**
   * An API failure: details go next to fields, the message to the summary when no field explains it.
   * `fieldOfCode` puts the message of an error code next to the field it is about (`{ skill_taken: 'name' }`).
   */
  const failWith = useCallback(
    (error: unknown, knownFields: string[] = [], fieldOfCode: Partial<Record<ErrorCode, string>> = {}) => {
      const field = error instanceof ApiError ? fieldOfCode[error.code as ErrorCode] : undefined
      if (field) return fail({ [field]: errorMessage(error) })
      const errors = fieldErrorsOf(error)
      const isExplainedByFields = Object.keys(errors).some((path) => knownFields.includes(path))
      fail(errors, isExplainedByFields ? null : errorMessage(error))
    },
    [fail],
  )

  const clear = useCallback(() => {
    setFieldErrors({})
    setFormError(null)
  }, [])

  const clearField = useCallback((name: string) => {
    setFieldErrors((errors) => {
      if (!(name in errors)) return errors
      const next = { ...errors }
      delete next[name]
      return next
    })
  }, [])

  return { fieldErrors, formError, fail, failWith, clear, clearField }
}

/** A form's values, where changing a field also clears that field's error message. */
export function useFieldValues<V extends object>(initial: V, clearField: (name: string) => void) {
  const [values, setValues] = useState(initial)
  const change = useCallback(
    <K extends keyof V & string>(field: K, value: V[K]) => {
      setValues((current) => ({ ...current, [field]: value }))
      clearField(field)
    },
    [clearField],
  )
  return { values, setValues, change }
}
