import type { Db } from '#server/db/connect.ts'
import type { CoachingQuestionKind, ExerciseRow, ExerciseTechnique } from '#server/db/schema.ts'

export interface ExerciseInput {
  technique: ExerciseTechnique
  slug: string
  title: string
  purpose: string
  durationMinutes: number
  steps: unknown
  prompts: unknown
  scenarios: unknown
}

function toColumns(input: Partial<ExerciseInput>) {
  return {
    ...(input.technique !== undefined && { technique: input.technique }),
    ...(input.slug !== undefined && { slug: input.slug }),
    ...(input.title !== undefined && { title: input.title }),
    ...(input.purpose !== undefined && { purpose: input.purpose }),
    ...(input.durationMinutes !== undefined && { duration_minutes: input.durationMinutes }),
    ...(input.steps !== undefined && { steps: JSON.stringify(input.steps) }),
    ...(input.prompts !== undefined && { prompts: JSON.stringify(input.prompts) }),
    ...(input.scenarios !== undefined && { scenarios: JSON.stringify(input.scenarios) }),
  }
}

export function listExercises(db: Db, organizationId: string, technique?: ExerciseTechnique): Promise<ExerciseRow[]> {
  let query = db.selectFrom('exercises').selectAll().where('organization_id', '=', organizationId)
  if (technique) query = query.where('technique', '=', technique)
  return query.orderBy('title').execute()
}

export function findExercise(db: Db, organizationId: string, exerciseId: string) {
  return db
    .selectFrom('exercises')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', exerciseId)
    .executeTakeFirst()
}

export function findExerciseBySlug(db: Db, organizationId: string, slug: string) {
  return db
    .selectFrom('exercises')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('slug', '=', slug)
    .executeTakeFirst()
}

export function insertExercise(db: Db, organizationId: string, createdBy: string, input: ExerciseInput) {
  return db
    .insertInto('exercises')
    .values({
      organization_id: organizationId,
      created_by: createdBy,
      technique: input.technique,
      slug: input.slug,
      title: input.title,
      purpose: input.purpose,
      duration_minutes: input.durationMinutes,
      steps: JSON.stringify(input.steps),
      prompts: JSON.stringify(input.prompts),
      scenarios: JSON.stringify(input.scenarios),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateExercise(
  db: Db,
  organizationId: string,
  exerciseId: string,
  changes: Partial<ExerciseInput>,
  now: Date,
) {
  return db
    .updateTable('exercises')
    .set({ ...toColumns(changes), updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', exerciseId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteExercise(db: Db, organizationId: string, exerciseId: string): Promise<void> {
  await db.deleteFrom('exercises').where('organization_id', '=', organizationId).where('id', '=', exerciseId).execute()
}

export function listCoachingQuestions(db: Db, organizationId: string, kind?: CoachingQuestionKind) {
  let query = db.selectFrom('coaching_questions').selectAll().where('organization_id', '=', organizationId)
  if (kind) query = query.where('kind', '=', kind)
  return query.orderBy('created_at').orderBy('id').execute()
}

export function findCoachingQuestion(db: Db, organizationId: string, questionId: string) {
  return db
    .selectFrom('coaching_questions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', questionId)
    .executeTakeFirst()
}

export function insertCoachingQuestion(
  db: Db,
  organizationId: string,
  createdBy: string,
  input: { kind: CoachingQuestionKind; text: string },
) {
  return db
    .insertInto('coaching_questions')
    .values({ organization_id: organizationId, created_by: createdBy, kind: input.kind, text: input.text })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteCoachingQuestion(db: Db, organizationId: string, questionId: string): Promise<void> {
  await db
    .deleteFrom('coaching_questions')
    .where('organization_id', '=', organizationId)
    .where('id', '=', questionId)
    .execute()
}
