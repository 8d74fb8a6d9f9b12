import {
  CoachingQuestionListQuerySchema,
  CoachingQuestionListSchema,
  CoachingQuestionParamsSchema,
  CoachingQuestionSchema,
  CreateCoachingQuestionBodySchema,
  CreateExerciseBodySchema,
  DeletedSchema,
  ExerciseListQuerySchema,
  ExerciseListSchema,
  ExerciseParamsSchema,
  ExerciseSchema,
  UpdateExerciseBodySchema,
} from '#contracts/exercises.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  changeExercise,
  createCoachingQuestion,
  createExercise,
  getLibraryExercise,
  listLibraryExercises,
  listQuestionBank,
  removeCoachingQuestion,
  removeExercise,
} from './exercises.service.ts'

/** The exercise library and question bank: built-in content plus the organization's own; admins edit their own. */
export const registerExerciseRoutes: ApiModule = (api, { db, clock }) => {
  api.get(
    '/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: 'The exercise library: built-in exercises, then the organization’s own',
        querystring: ExerciseListQuerySchema,
        response: { 200: ExerciseListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => ({
      exercises: await listLibraryExercises(db, viewerOf(request), request.query.technique),
    }),
  )

  api.get(
    '/exercises/:exerciseId',
    {
      schema: {
        tags: ['exercises'],
        summary: 'One exercise, by id (built-in ids look like builtin:role-play)',
        params: ExerciseParamsSchema,
        response: { 200: ExerciseSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getLibraryExercise(db, viewerOf(request), request.params.exerciseId),
  )

  api.post(
    '/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Add an exercise of the organization’s own (admin)',
        body: CreateExerciseBodySchema,
        response: { 201: ExerciseSchema, ...errorResponses(409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => reply.code(201).send(await createExercise(db, viewerOf(request), request.body)),
  )

  api.patch(
    '/exercises/:exerciseId',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Edit one of the organization’s own exercises; built-in ones are read-only (admin)',
        params: ExerciseParamsSchema,
        body: UpdateExerciseBodySchema,
        response: { 200: ExerciseSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => changeExercise(db, viewerOf(request), request.params.exerciseId, request.body, clock.now()),
  )

  api.delete(
    '/exercises/:exerciseId',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Delete one of the organization’s own exercises; built-in ones are read-only (admin)',
        params: ExerciseParamsSchema,
        response: { 200: DeletedSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => removeExercise(db, viewerOf(request), request.params.exerciseId),
  )

  api.get(
    '/coaching-questions',
    {
      schema: {
        tags: ['exercises'],
        summary: 'The question bank: active-listening techniques and powerful questions, built-in then own',
        querystring: CoachingQuestionListQuerySchema,
        response: { 200: CoachingQuestionListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => ({ questions: await listQuestionBank(db, viewerOf(request), request.query.kind) }),
  )

  api.post(
    '/coaching-questions',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Add a question to the organization’s bank (admin)',
        body: CreateCoachingQuestionBodySchema,
        response: { 201: CoachingQuestionSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => reply.code(201).send(await createCoachingQuestion(db, viewerOf(request), request.body)),
  )

  api.delete(
    '/coaching-questions/:questionId',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Delete one of the organization’s own questions; built-in ones are read-only (admin)',
        params: CoachingQuestionParamsSchema,
        response: { 200: DeletedSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => removeCoachingQuestion(db, viewerOf(request), request.params.questionId),
  )
}
