import { type FormEvent, useRef, useState } from 'react'
import { CreateThemeBodySchema } from '#contracts/themes.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateTheme } from '../api/use-create-theme.ts'
import { ThemeFields, type ThemeValues } from './theme-fields.tsx'

const EMPTY: ThemeValues = { name: '', description: '' }

export function AddThemeForm() {
  const create = useCreateTheme()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const { values, setValues, change } = useFieldValues(EMPTY, clearField)
  const [added, setAdded] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateThemeBodySchema, values)
    if (result.errors) return fail(result.errors)
    clear()
    create.mutate(result.data, {
      onSuccess: (theme) => {
        setAdded(`${theme.name} is added. Program managers can now choose it for their programs.`)
        setValues(EMPTY)
      },
      onError: (error) => failWith(error, ['name', 'description'], { theme_taken: 'name' }),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="add-theme-heading">
      <h2 id="add-theme-heading" className="card-title">
        Add a theme
      </h2>
      <FormErrorSummary message={formError} />
      <ThemeFields
        values={values}
        onChange={change}
        fieldErrors={fieldErrors}
        descriptionHint="What this part of the vision means, so programs can show how they serve it."
      />
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add theme
        </Button>
      </div>
      <Announcement message={added} />
    </form>
  )
}
