import { z } from 'zod'
import { hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'
import { SlugSchema, slugDerivableFrom } from './slug.ts'

export const SkillSlugSchema = SlugSchema

export const SkillSchema = z.object({
  id: z.uuid(),
  slug: SkillSlugSchema,
  name: z.string(),
  category: z.string(),
})
export type Skill = z.infer<typeof SkillSchema>

export const SkillListSchema = z.object({ skills: z.array(SkillSchema) })
export type SkillList = z.infer<typeof SkillListSchema>

export const SkillParamsSchema = z.object({ skillId: z.uuid() })

export const CreateSkillBodySchema = z
  .strictObject({
    name: textField({ min: 1, max: 80 }),
    /** Defaults to the name in kebab-case. */
    slug: SkillSlugSchema.optional(),
    category: textField({ min: 1, max: 60 }).default('General'),
  })
  .check(slugDerivableFrom('name'))
export type CreateSkillBody = z.input<typeof CreateSkillBodySchema>

/** Changing the slug renames it in every profile of the organization, in the same transaction. */
export const UpdateSkillBodySchema = z
  .strictObject({
    name: textField({ min: 1, max: 80 }),
    slug: SkillSlugSchema,
    category: textField({ min: 1, max: 60 }),
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdateSkillBody = z.infer<typeof UpdateSkillBodySchema>

/**
 * Deleting a skill that profiles still list is refused (409 `skill_in_use`, with the count) unless
 * `force=true`, which removes the slug from those profiles in the same transaction.
 */
export const DeleteSkillQuerySchema = z.strictObject({
  force: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
})

export const DeleteSkillResultSchema = z.object({
  deleted: z.literal(true),
  /** People whose profile listed the skill (offered or wanted) and no longer do. */
  removedFromProfiles: z.number().int(),
})
export type DeleteSkillResult = z.infer<typeof DeleteSkillResultSchema>
