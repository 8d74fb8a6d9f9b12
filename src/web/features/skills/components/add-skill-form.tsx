import { type FormEvent, useRef, useState } from 'react'
import { CreateSkillBodySchema } from '#contracts/skills.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateSkill } from '../api/use-create-skill.ts'

export function AddSkillForm({ categories }: { categories: string[] }) {
  const create = useCreateSkill()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [name, setName] = useState('')
  const [category, setCategory] = useState('')
  const [added, setAdded] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateSkillBodySchema, { name, category: category.trim() || undefined })
    if (result.errors) return fail(result.errors)
    create.mutate(result.data, {
      onSuccess: (skill) => {
        setAdded(`${skill.name} is added to ${skill.category}.`)
        setName('')
      },
      onError: (error) => {
        if (isApiError(error, 'skill_taken')) return fail({ name: error.message })
        failWith(error, ['name', 'category', 'slug'])
      },
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="add-skill-heading">
      <h2 id="add-skill-heading" className="card-title">
        Add a skill
      </h2>
      {formError ? (
        <Alert tone="error" isErrorSummary>
          {formError}
        </Alert>
      ) : null}
      <TextField
        label="Skill name"
        name="name"
        autoComplete="off"
        value={name}
        onChange={(event) => {
          setName(event.target.value)
          clearField('name')
          clearField('slug')
        }}
        error={fieldMessage('Skill name', fieldErrors.name ?? fieldErrors.slug)}
      />
      <TextField
        label="Category"
        name="category"
        list="skill-categories"
        autoComplete="off"
        hint="Pick an existing category or type a new one. Defaults to General."
        value={category}
        onChange={(event) => {
          setCategory(event.target.value)
          clearField('category')
        }}
        error={fieldMessage('Category', fieldErrors.category)}
      />
      <datalist id="skill-categories">
        {categories.map((item) => (
          <option key={item} value={item} />
        ))}
      </datalist>
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add skill
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
