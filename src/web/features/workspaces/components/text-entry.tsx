import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import type { z } from 'zod'
import { NOTE_BODY_MAX } from '#contracts/notes.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { ConfirmDelete } from './confirm-delete.tsx'

// Shared notes and private reflections are both a list of texts, each written, edited and deleted
// by its author; these two pieces are that list's form and item.

export const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus())

export interface SaveCallbacks {
  onSuccess: () => void
  onError: (error: unknown) => void
}

/**
 * One text field and its submit button. Without `onCancel` it writes a new text and empties itself
 * once saved; with it, it edits an existing text (focused, with a Cancel button).
 */
export function TextEntryForm({
  formLabel,
  id,
  label,
  hint,
  fieldName,
  submitLabel,
  initialBody = '',
  schema,
  isPending,
  save,
  onSaved,
  onCancel,
}: {
  formLabel: string
  id?: string
  label: string
  hint?: string
  /** How an error message names the field ("Note must …"). */
  fieldName: string
  submitLabel: string
  initialBody?: string
  schema: z.ZodType<{ body: string }>
  isPending: boolean
  save: (body: string, callbacks: SaveCallbacks) => void
  onSaved: () => void
  onCancel?: () => void
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [body, setBody] = useState(initialBody)
  const isEdit = onCancel !== undefined

  function submit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(schema, { body })
    if (result.errors) return fail(result.errors)
    save(result.data.body, {
      onSuccess: () => {
        if (!isEdit) {
          setBody('')
          clear()
        }
        onSaved()
      },
      onError: (error) => failWith(error, ['body']),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label={formLabel}>
      <FormErrorSummary message={formError} />
      <TextAreaField
        id={id}
        label={label}
        hint={hint}
        rows={isEdit ? 4 : 3}
        maxLength={NOTE_BODY_MAX}
        value={body}
        autoFocus={isEdit}
        onChange={(event) => {
          setBody(event.target.value)
          clearField('body')
        }}
        error={fieldMessage(fieldName, fieldErrors.body)}
      />
      <div className="row">
        <Button type="submit" isLoading={isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  )
}

/**
 * One text of the list: who and when, the text, and for its author Edit (the form in place, focus
 * back on Edit after) and Delete (after a confirmation).
 */
export function TextEntryItem({
  id,
  meta,
  body,
  canChange,
  editLabel,
  deleteLabel,
  deleteQuestion,
  deletion,
  deleteFailure,
  onDelete,
  renderEditForm,
  onEdited,
}: {
  /** Prefix of the Edit and Delete buttons' ids (`${id}-edit`). */
  id: string
  meta: ReactNode
  body: string
  canChange: boolean
  editLabel: string
  deleteLabel: string
  deleteQuestion: string
  deletion: { isPending: boolean; isError: boolean; error: unknown }
  /** "The note could not be deleted" (the reason follows). */
  deleteFailure: string
  onDelete: () => void
  renderEditForm: (onDone: (isSaved: boolean) => void) => ReactNode
  onEdited: () => void
}) {
  const [isEditing, setIsEditing] = useState(false)

  if (isEditing) {
    return (
      <li className="card stack">
        {renderEditForm((isSaved) => {
          setIsEditing(false)
          if (isSaved) onEdited()
          focusSoon(`${id}-edit`)
        })}
      </li>
    )
  }
  return (
    <li className="card stack" style={{ gap: 8 }}>
      <p className="muted" style={{ margin: 0 }}>
        {meta}
      </p>
      <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{body}</p>
      {canChange ? (
        <div className="row">
          <Button
            id={`${id}-edit`}
            variant="secondary"
            size="small"
            aria-label={editLabel}
            onClick={() => setIsEditing(true)}
          >
            Edit
          </Button>
          <ConfirmDelete
            id={`${id}-delete`}
            label={deleteLabel}
            question={deleteQuestion}
            isPending={deletion.isPending}
            onConfirm={onDelete}
          />
        </div>
      ) : null}
      {deletion.isError ? (
        <Alert tone="error">
          {deleteFailure}: {errorMessage(deletion.error)}
        </Alert>
      ) : null}
    </li>
  )
}
