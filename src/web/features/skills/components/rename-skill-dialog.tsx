import { type FormEvent, useRef } from 'react'
import { type Skill, UpdateSkillBodySchema } from '#contracts/skills.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { DialogActions, ItemDialog } from '#web/components/ui/dialog.tsx'
import { useFieldValues, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useUpdateSkill } from '../api/use-update-skill.ts'
import { SkillFields } from './skill-fields.tsx'

export function RenameSkillDialog({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  return (
    <ItemDialog item={skill} title="Rename skill" onClose={onClose}>
      {(item) => <RenameForm skill={item} onDone={onClose} />}
    </ItemDialog>
  )
}

function RenameForm({ skill, onDone }: { skill: Skill; onDone: () => void }) {
  const update = useUpdateSkill()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const { values, change } = useFieldValues({ name: skill.name, category: skill.category }, clearField)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(UpdateSkillBodySchema, values)
    if (result.errors) return fail(result.errors)
    update.mutate(
      { skillId: skill.id, body: result.data },
      {
        onSuccess: onDone,
        onError: (error) => failWith(error, ['name', 'category'], { skill_taken: 'name' }),
      },
    )
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted" style={{ margin: 0 }}>
        Profiles that list this skill keep it under its new name.
      </p>
      <FormErrorSummary message={formError} />
      <SkillFields values={values} onChange={change} fieldErrors={fieldErrors} />
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
