import { type FormEvent, useRef, useState } from 'react'
import { CreateThemeBodySchema } from '#contracts/themes.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateTheme } from '../api/use-create-theme.ts'

export function AddThemeForm() {
  const create = useCreateTheme()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [added, setAdded] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateThemeBodySchema, { name, description })
    if (result.errors) return fail(result.errors)
    clear()
    create.mutate(result.data, {
      onSuccess: (theme) => {
        setAdded(`${theme.name} is added. Program managers can now choose it for their programs.`)
        setName('')
        setDescription('')
      },
      onError: (error) => {
        if (isApiError(error, 'theme_taken')) return fail({ name: error.message })
        failWith(error, ['name', 'description'])
      },
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="add-theme-heading">
      <h2 id="add-theme-heading" className="card-title">
        Add a theme
      </h2>
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
        hint="What this part of the vision means, so programs can show how they serve it."
        value={description}
        onChange={(event) => {
          setDescription(event.target.value)
          clearField('description')
        }}
        error={fieldMessage('Description', fieldErrors.description)}
      />
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add theme
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {added ? (
          <Alert tone="success" isLive={false}>
            {added}
          </Alert>
        ) : null}
      </div>
    </form>
  )
}
