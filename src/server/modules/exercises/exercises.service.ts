import { z } from 'zod'
import {
  BUILT_IN_PREFIX,
  type CoachingQuestion,
  type CreateCoachingQuestionBody,
  type CreateExerciseBody,
  CreateExerciseBodySchema,
  type Exercise,
  ExerciseScenarioSchema,
  ExerciseStepSchema,
  type QuestionKind,
  type Technique,
  type UpdateExerciseBody,
} from '#contracts/exercises.ts'
import { slugify } from '#contracts/slug.ts'
import type { Db } from '#server/db/connect.ts'
import { uniqueViolationAs } from '#server/db/database-errors.ts'
import type { CoachingQuestionRow, ExerciseRow } from '#server/db/schema.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { BUILT_IN_EXERCISES, BUILT_IN_QUESTIONS } from './exercise-library.ts'
import {
  deleteCoachingQuestion,
  deleteExercise,
  findCoachingQuestion,
  findExercise,
  findExerciseBySlug,
  insertCoachingQuestion,
  insertExercise,
  listCoachingQuestions,
  listExercises,
  updateExercise,
} from './exercises.repository.ts'

const StoredStepsSchema = z.array(ExerciseStepSchema)
const StoredPromptsSchema = z.array(z.string())
const StoredScenariosSchema = z.array(ExerciseScenarioSchema)

export function toExercise(row: ExerciseRow): Exercise {
  return {
    id: row.id,
    slug: row.slug,
    technique: row.technique,
    title: row.title,
    purpose: row.purpose,
    durationMinutes: row.duration_minutes,
    steps: StoredStepsSchema.parse(row.steps),
    prompts: StoredPromptsSchema.parse(row.prompts),
    scenarios: StoredScenariosSchema.parse(row.scenarios),
    isBuiltIn: row.is_built_in,
  }
}

export function toCoachingQuestion(row: CoachingQuestionRow): CoachingQuestion {
  return { id: row.id, kind: row.kind, text: row.text, isBuiltIn: false }
}

const isBuiltInId = (id: string) => id.startsWith(BUILT_IN_PREFIX)
const totalMinutes = (steps: ReadonlyArray<{ minutes: number }>) => steps.reduce((sum, step) => sum + step.minutes, 0)

const slugTaken = (slug: string) =>
  new AppError('exercise_taken', `The library already has an exercise with the slug "${slug}"`, [
    { path: 'body.slug', message: 'already in use' },
  ])

const exerciseIsBuiltIn = () =>
  new AppError('exercise_built_in', 'Built-in exercises are read-only; create your own exercise instead', [
    { path: 'exerciseId', message: 'built-in' },
  ])

async function assertSlugFree(db: Db, organizationId: string, slug: string): Promise<void> {
  if (BUILT_IN_EXERCISES.some((exercise) => exercise.slug === slug)) throw slugTaken(slug)
  if (await findExerciseBySlug(db, organizationId, slug)) throw slugTaken(slug)
}

/** The built-in library followed by the organization's own exercises; every signed-in person may read it. */
export async function listLibraryExercises(db: Db, viewer: Viewer, technique?: Technique): Promise<Exercise[]> {
  const builtIn = BUILT_IN_EXERCISES.filter((exercise) => !technique || exercise.technique === technique)
  const own = (await listExercises(db, viewer.organizationId, technique)).map(toExercise)
  return [...builtIn, ...own]
}

/** One exercise: built-in, or the viewer's organization's own (another organization's is not found). */
export async function getLibraryExercise(db: Db, viewer: Viewer, exerciseId: string): Promise<Exercise> {
  if (isBuiltInId(exerciseId)) {
    const builtIn = BUILT_IN_EXERCISES.find((exercise) => exercise.id === exerciseId)
    if (!builtIn) throw notFound('Exercise')
    return builtIn
  }
  const row = await findExercise(db, viewer.organizationId, exerciseId)
  if (!row) throw notFound('Exercise')
  return toExercise(row)
}

/** Adds an exercise of the organization's own; its slug is unique in the organization and among the built-in ones. */
export async function createExercise(db: Db, viewer: Viewer, input: CreateExerciseBody): Promise<Exercise> {
  const body = CreateExerciseBodySchema.parse(input)
  const slug = body.slug ?? slugify(body.title)
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      await assertSlugFree(trx, viewer.organizationId, slug)
      const row = await insertExercise(trx, viewer.organizationId, viewer.personId, {
        technique: body.technique,
        slug,
        title: body.title,
        purpose: body.purpose,
        durationMinutes: totalMinutes(body.steps),
        steps: body.steps,
        prompts: body.prompts,
        scenarios: body.scenarios,
      })
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'exercise.created',
        targetType: 'exercise',
        targetId: row.id,
        details: { slug, title: body.title, technique: body.technique },
      })
      return toExercise(row)
    }),
    () => slugTaken(slug),
  )
}

/** Edits one of the organization's own exercises; built-in ones are read-only (409 `exercise_built_in`). */
export async function changeExercise(
  db: Db,
  viewer: Viewer,
  exerciseId: string,
  body: UpdateExerciseBody,
  now: Date,
): Promise<Exercise> {
  if (isBuiltInId(exerciseId)) {
    await getLibraryExercise(db, viewer, exerciseId)
    throw exerciseIsBuiltIn()
  }
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      const existing = await findExercise(trx, viewer.organizationId, exerciseId)
      if (!existing) throw notFound('Exercise')
      if (body.slug !== undefined && body.slug !== existing.slug) {
        await assertSlugFree(trx, viewer.organizationId, body.slug)
      }
      const row = await updateExercise(
        trx,
        viewer.organizationId,
        exerciseId,
        {
          ...body,
          ...(body.steps && { durationMinutes: totalMinutes(body.steps) }),
        },
        now,
      )
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'exercise.updated',
        targetType: 'exercise',
        targetId: row.id,
        details: { slug: row.slug, changed: Object.keys(body) },
      })
      return toExercise(row)
    }),
    () => (body.slug ? slugTaken(body.slug) : undefined),
  )
}

/** Deletes one of the organization's own exercises; built-in ones are read-only (409 `exercise_built_in`). */
export async function removeExercise(db: Db, viewer: Viewer, exerciseId: string): Promise<{ deleted: true }> {
  if (isBuiltInId(exerciseId)) {
    await getLibraryExercise(db, viewer, exerciseId)
    throw exerciseIsBuiltIn()
  }
  return db.transaction().execute(async (trx) => {
    const existing = await findExercise(trx, viewer.organizationId, exerciseId)
    if (!existing) throw notFound('Exercise')
    await deleteExercise(trx, viewer.organizationId, exerciseId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'exercise.deleted',
      targetType: 'exercise',
      targetId: exerciseId,
      details: { slug: existing.slug, title: existing.title },
    })
    return { deleted: true as const }
  })
}

/** The built-in question bank followed by the organization's own questions. */
export async function listQuestionBank(db: Db, viewer: Viewer, kind?: QuestionKind): Promise<CoachingQuestion[]> {
  const builtIn = BUILT_IN_QUESTIONS.filter((question) => !kind || question.kind === kind)
  const own = (await listCoachingQuestions(db, viewer.organizationId, kind)).map(toCoachingQuestion)
  return [...builtIn, ...own]
}

/** Adds a question to the organization's bank. */
export async function createCoachingQuestion(
  db: Db,
  viewer: Viewer,
  body: CreateCoachingQuestionBody,
): Promise<CoachingQuestion> {
  return db.transaction().execute(async (trx) => {
    const row = await insertCoachingQuestion(trx, viewer.organizationId, viewer.personId, body)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'coaching_question.created',
      targetType: 'coaching_question',
      targetId: row.id,
      details: { kind: row.kind, text: row.text },
    })
    return toCoachingQuestion(row)
  })
}

/** Deletes one of the organization's own questions; built-in ones are read-only. */
export async function removeCoachingQuestion(db: Db, viewer: Viewer, questionId: string): Promise<{ deleted: true }> {
  if (isBuiltInId(questionId)) {
    if (!BUILT_IN_QUESTIONS.some((question) => question.id === questionId)) throw notFound('Question')
    throw new AppError('coaching_question_built_in', 'Built-in questions are read-only', [
      { path: 'questionId', message: 'built-in' },
    ])
  }
  return db.transaction().execute(async (trx) => {
    const existing = await findCoachingQuestion(trx, viewer.organizationId, questionId)
    if (!existing) throw notFound('Question')
    await deleteCoachingQuestion(trx, viewer.organizationId, questionId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'coaching_question.deleted',
      targetType: 'coaching_question',
      targetId: questionId,
      details: { kind: existing.kind, text: existing.text },
    })
    return { deleted: true as const }
  })
}
