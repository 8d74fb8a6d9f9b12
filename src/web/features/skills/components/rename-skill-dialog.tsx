import { type FormEvent, useRef, useState } from 'react'
import { type Skill, UpdateSkillBodySchema } from '#contracts/skills.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useUpdateSkill } from '../api/use-update-skill.ts'

export function RenameSkillDialog({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  return (
    <Dialog isOpen={skill !== null} title="Rename skill" onClose={onClose}>
      {skill ? <RenameForm key={skill.id} skill={skill} onDone={onClose} /> : null}
    </Dialog>
  )
}

function RenameForm({ skill, onDone }: { skill: Skill; onDone: () => void }) {
  const update = useUpdateSkill()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [name, setName] = useState(skill.name)
  const [category, setCategory] = useState(skill.category)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(UpdateSkillBodySchema, { name, category })
    if (result.errors) return fail(result.errors)
    update.mutate(
      { skillId: skill.id, body: result.data },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (isApiError(error, 'skill_taken')) return fail({ name: error.message })
          failWith(error, ['name', 'category'])
        },
      },
    )
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted" style={{ margin: 0 }}>
        Profiles that list this skill keep it under its new name.
      </p>
      {formError ? (
        <Alert tone="error" isErrorSummary>
          {formError}
        </Alert>
      ) : null}
      <TextField
        label="Skill name"
        name="name"
        value={name}
        onChange={(event) => {
          setName(event.target.value)
          clearField('name')
        }}
        error={fieldMessage('Skill name', fieldErrors.name)}
      />
      <TextField
        label="Category"
        name="category"
        value={category}
        onChange={(event) => {
          setCategory(event.target.value)
          clearField('category')
        }}
        error={fieldMessage('Category', fieldErrors.category)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" isLoading={update.isPending}>
          Save
        </Button>
      </DialogActions>
    </form>
  )
}
