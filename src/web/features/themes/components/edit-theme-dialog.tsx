import { type FormEvent, useRef, useState } from 'react'
import { type Theme, UpdateThemeBodySchema } from '#contracts/themes.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useUpdateTheme } from '../api/use-update-theme.ts'

export function EditThemeDialog({
  theme,
  onClose,
  onSaved,
}: {
  theme: Theme | null
  onClose: () => void
  onSaved: (theme: Theme) => void
}) {
  return (
    <Dialog isOpen={theme !== null} title="Edit theme" onClose={onClose}>
      {theme ? <EditForm key={theme.id} theme={theme} onCancel={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  )
}

function EditForm({
  theme,
  onCancel,
  onSaved,
}: {
  theme: Theme
  onCancel: () => void
  onSaved: (theme: Theme) => void
}) {
  const update = useUpdateTheme()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [name, setName] = useState(theme.name)
  const [description, setDescription] = useState(theme.description)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(UpdateThemeBodySchema, { name, description })
    if (result.errors) return fail(result.errors)
    clear()
    update.mutate(
      { themeId: theme.id, body: result.data },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (isApiError(error, 'theme_taken')) return fail({ name: error.message })
          failWith(error, ['name', 'description'])
        },
      },
    )
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted" style={{ margin: 0 }}>
        Programs that serve this theme show its new name.
      </p>
      {formError ? (
        <Alert tone="error" isErrorSummary>
          {formError}
        </Alert>
      ) : null}
      <TextField
        label="Theme name"
        name="name"
        autoComplete="off"
        maxLength={120}
        value={name}
        onChange={(event) => {
          setName(event.target.value)
          clearField('name')
        }}
        error={fieldMessage('Theme name', fieldErrors.name)}
      />
      <TextAreaField
        label="Description"
        name="description"
        isOptional
        rows={4}
        maxLength={2000}
        value={description}
        onChange={(event) => {
          setDescription(event.target.value)
          clearField('description')
        }}
        error={fieldMessage('Description', fieldErrors.description)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={update.isPending}>
          Save
        </Button>
      </DialogActions>
    </form>
  )
}
