import { z } from 'zod'
import { hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'
import { SlugSchema, slugDerivableFrom } from './slug.ts'

/** The five techniques of peer coaching, plus room for an organization's own kinds of exercise. */
export const TechniqueSchema = z.enum([
  'role_play',
  'what_if',
  'empathy',
  'change_of_perspective',
  'collaborative_storytelling',
  'other',
])
export type Technique = z.infer<typeof TechniqueSchema>

export const QuestionKindSchema = z.enum(['active_listening', 'powerful'])
export type QuestionKind = z.infer<typeof QuestionKindSchema>

/**
 * Built-in items live in code and have stable ids of the form `builtin:<slug>` (for example
 * `builtin:role-play`); an organization's own items have uuids. Both are addressed by id, never by slug.
 */
export const BUILT_IN_PREFIX = 'builtin:'
const BuiltInIdSchema = z.string().regex(/^builtin:[a-z0-9]+(-[a-z0-9]+)*$/, 'must be builtin:<slug>')
export const LibraryItemIdSchema = z.union([z.uuid(), BuiltInIdSchema])

export const ExerciseSlugSchema = SlugSchema

export const ExerciseStepSchema = z.strictObject({
  title: textField({ min: 1, max: 120 }),
  instruction: textField({ min: 1, max: 2000 }),
  minutes: z.number().int().min(1).max(120),
})
export type ExerciseStep = z.infer<typeof ExerciseStepSchema>

export const ExerciseScenarioSchema = z.strictObject({
  title: textField({ min: 1, max: 120 }),
  setup: textField({ min: 1, max: 2000 }),
})
export type ExerciseScenario = z.infer<typeof ExerciseScenarioSchema>

export const ExerciseSchema = z.object({
  id: LibraryItemIdSchema,
  slug: z.string(),
  technique: TechniqueSchema,
  title: z.string(),
  purpose: z.string(),
  /** The sum of the steps' minutes. */
  durationMinutes: z.number().int(),
  steps: z.array(ExerciseStepSchema),
  /** Questions and cues for the person coaching. */
  prompts: z.array(z.string()),
  /** Worked examples the pair can use when they have no situation of their own to hand. */
  scenarios: z.array(ExerciseScenarioSchema),
  isBuiltIn: z.boolean(),
})
export type Exercise = z.infer<typeof ExerciseSchema>

export const ExerciseListSchema = z.object({ exercises: z.array(ExerciseSchema) })
export type ExerciseList = z.infer<typeof ExerciseListSchema>

export const ExerciseListQuerySchema = z.strictObject({ technique: TechniqueSchema.optional() })
export const ExerciseParamsSchema = z.object({ exerciseId: LibraryItemIdSchema })

export const CreateExerciseBodySchema = z
  .strictObject({
    technique: TechniqueSchema,
    title: textField({ min: 1, max: 120 }),
    /** Defaults to the title in kebab-case; unique in the organization and distinct from the built-in slugs. */
    slug: ExerciseSlugSchema.optional(),
    purpose: textField({ min: 1, max: 2000 }),
    steps: z.array(ExerciseStepSchema).min(1).max(12),
    prompts: z
      .array(textField({ min: 1, max: 500 }))
      .max(30)
      .default([]),
    scenarios: z.array(ExerciseScenarioSchema).max(12).default([]),
  })
  .check(slugDerivableFrom('title'))
export type CreateExerciseBody = z.input<typeof CreateExerciseBodySchema>

export const UpdateExerciseBodySchema = z
  .strictObject({
    technique: TechniqueSchema,
    title: textField({ min: 1, max: 120 }),
    slug: ExerciseSlugSchema,
    purpose: textField({ min: 1, max: 2000 }),
    steps: z.array(ExerciseStepSchema).min(1).max(12),
    prompts: z.array(textField({ min: 1, max: 500 })).max(30),
    scenarios: z.array(ExerciseScenarioSchema).max(12),
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdateExerciseBody = z.infer<typeof UpdateExerciseBodySchema>

export const DeletedSchema = z.object({ deleted: z.literal(true) })

export const CoachingQuestionSchema = z.object({
  id: LibraryItemIdSchema,
  kind: QuestionKindSchema,
  text: z.string(),
  isBuiltIn: z.boolean(),
})
export type CoachingQuestion = z.infer<typeof CoachingQuestionSchema>

export const CoachingQuestionListSchema = z.object({ questions: z.array(CoachingQuestionSchema) })
export const CoachingQuestionListQuerySchema = z.strictObject({ kind: QuestionKindSchema.optional() })
export const CoachingQuestionParamsSchema = z.object({ questionId: LibraryItemIdSchema })

export const CreateCoachingQuestionBodySchema = z.strictObject({
  kind: QuestionKindSchema,
  text: textField({ min: 3, max: 500 }),
})
export type CreateCoachingQuestionBody = z.infer<typeof CreateCoachingQuestionBodySchema>
