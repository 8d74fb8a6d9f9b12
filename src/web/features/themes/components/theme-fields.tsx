import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { type FieldErrors, fieldMessage } from '#web/lib/forms.ts'

export interface ThemeValues {
  name: string
  description: string
}

/** A theme's name and description: the same fields to add a theme and to edit one. */
export function ThemeFields({
  values,
  onChange,
  fieldErrors,
  descriptionHint,
}: {
  values: ThemeValues
  onChange: (field: keyof ThemeValues, value: string) => void
  fieldErrors: FieldErrors
  descriptionHint?: string
}) {
  return (
    <>
      <TextField
        label="Theme name"
        name="name"
        autoComplete="off"
        maxLength={120}
        value={values.name}
        onChange={(event) => onChange('name', event.target.value)}
        error={fieldMessage('Theme name', fieldErrors.name)}
      />
      <TextAreaField
        label="Description"
        name="description"
        isOptional
        rows={4}
        maxLength={2000}
        hint={descriptionHint}
        value={values.description}
        onChange={(event) => onChange('description', event.target.value)}
        error={fieldMessage('Description', fieldErrors.description)}
      />
    </>
  )
}
