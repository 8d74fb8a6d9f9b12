import { TextField } from '#web/components/ui/text-field.tsx'
import { type FieldErrors, fieldMessage } from '#web/lib/forms.ts'

export interface SkillValues {
  name: string
  category: string
}

/**
 * A skill's name and category: the same fields to add a skill and to rename one. With `categories`,
 * the category field suggests the existing ones.
 */
export function SkillFields({
  values,
  onChange,
  fieldErrors,
  categories,
}: {
  values: SkillValues
  onChange: (field: keyof SkillValues, value: string) => void
  fieldErrors: FieldErrors
  categories?: string[]
}) {
  return (
    <>
      <TextField
        label="Skill name"
        name="name"
        autoComplete="off"
        value={values.name}
        onChange={(event) => onChange('name', event.target.value)}
        // The slug is made from the name, so a slug the server refuses is the name's to fix.
        error={fieldMessage('Skill name', fieldErrors.name ?? fieldErrors.slug)}
      />
      <TextField
        label="Category"
        name="category"
        list={categories ? 'skill-categories' : undefined}
        autoComplete="off"
        hint={categories ? 'Pick an existing category or type a new one. Defaults to General.' : undefined}
        value={values.category}
        onChange={(event) => onChange('category', event.target.value)}
        error={fieldMessage('Category', fieldErrors.category)}
      />
      {categories ? (
        <datalist id="skill-categories">
          {categories.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
      ) : null}
    </>
  )
}
