import { type FormEvent, useRef } from 'react'
import { type Theme, UpdateThemeBodySchema } from '#contracts/themes.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { DialogActions, ItemDialog } from '#web/components/ui/dialog.tsx'
import { useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useUpdateTheme } from '../api/use-update-theme.ts'
import { ThemeFields } from './theme-fields.tsx'

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
    <ItemDialog item={theme} title="Edit theme" onClose={onClose}>
      {(item) => <EditForm theme={item} onCancel={onClose} onSaved={onSaved} />}
    </ItemDialog>
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
  const { values, change } = useFieldValues({ name: theme.name, description: theme.description }, clearField)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(UpdateThemeBodySchema, values)
    if (result.errors) return fail(result.errors)
    clear()
    update.mutate(
      { themeId: theme.id, body: result.data },
      {
        onSuccess: onSaved,
        onError: (error) => failWith(error, ['name', 'description'], { theme_taken: 'name' }),
      },
    )
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted" style={{ margin: 0 }}>
        Programs that serve this theme show its new name.
      </p>
      <FormErrorSummary message={formError} />
      <ThemeFields values={values} onChange={change} fieldErrors={fieldErrors} />
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
