import { type FormEvent, useRef, useState } from 'react'
import { CreateSkillBodySchema } from '#contracts/skills.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateSkill } from '../api/use-create-skill.ts'
import { SkillFields } from './skill-fields.tsx'

export function AddSkillForm({ categories }: { categories: string[] }) {
  const create = useCreateSkill()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const { values, setValues, change } = useFieldValues({ name: '', category: '' }, clearField)
  const [added, setAdded] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateSkillBodySchema, {
      name: values.name,
      category: values.category.trim() || undefined,
    })
    if (result.errors) return fail(result.errors)
    create.mutate(result.data, {
      onSuccess: (skill) => {
        setAdded(`${skill.name} is added to ${skill.category}.`)
        setValues((current) => ({ ...current, name: '' }))
      },
      onError: (error) => failWith(error, ['name', 'category', 'slug'], { skill_taken: 'name' }),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="add-skill-heading">
      <h2 id="add-skill-heading" className="card-title">
        Add a skill
      </h2>
      <FormErrorSummary message={formError} />
      <SkillFields
        values={values}
        onChange={(field, value) => {
          change(field, value)
          if (field === 'name') clearField('slug')
        }}
        fieldErrors={fieldErrors}
        categories={categories}
      />
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add skill
        </Button>
      </div>
      <Announcement message={added} />
    </form>
  )
}
