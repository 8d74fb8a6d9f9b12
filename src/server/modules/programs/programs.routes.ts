import {
  CreateProgramBodySchema,
  ProgramDefaultsQuerySchema,
  ProgramDefaultsSchema,
  ProgramListSchema,
  ProgramParamsSchema,
  ProgramSchema,
  ProgramViewSchema,
  TransitionProgramBodySchema,
  UpdateProgramBodySchema,
} from '#contracts/programs.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  changeProgram,
  createProgram,
  getProgramDefaults,
  getProgramForViewer,
  listProgramsForViewer,
  startNextCycle,
  transitionProgram,
} from './programs.service.ts'

/** Programs: program managers create, edit and move them through their statuses; participants read the ones open to them. */
export const registerProgramRoutes: ApiModule = (api, { db, clock }) => {
  api.get(
    '/programs',
    {
      config: { apiTokenScope: 'programs:read' },
      schema: {
        tags: ['programs'],
        summary:
          'Programs: every program of the organization with head counts (program manager, admin); for participants the programs open to them and those they are enrolled in',
        response: { 200: ProgramListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => listProgramsForViewer(db, viewerOf(request), clock.now()),
  )

  api.get(
    '/programs/defaults',
    {
      schema: {
        tags: ['programs'],
        summary: 'The settings a new program of a type starts from (program manager)',
        querystring: ProgramDefaultsQuerySchema,
        response: { 200: ProgramDefaultsSchema, ...errorResponses() },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => getProgramDefaults(request.query.type),
  )

  api.get(
    '/programs/:programId',
    {
      config: { apiTokenScope: 'programs:read' },
      schema: {
        tags: ['programs'],
        summary:
          'A program: what it involves, its confidentiality terms (participants: only programs open to them or theirs)',
        params: ProgramParamsSchema,
        response: { 200: ProgramViewSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getProgramForViewer(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.post(
    '/programs',
    {
      schema: {
        tags: ['programs'],
        summary: "Create a draft program; what the body leaves out comes from the type's defaults (program manager)",
        body: CreateProgramBodySchema,
        response: { 201: ProgramSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request, reply) => reply.code(201).send(await createProgram(db, viewerOf(request), request.body)),
  )

  api.patch(
    '/programs/:programId',
    {
      schema: {
        tags: ['programs'],
        summary:
          'Edit a program; matching rules merge into the current ones; archived programs are read-only (program manager)',
        params: ProgramParamsSchema,
        body: UpdateProgramBodySchema,
        response: { 200: ProgramSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => changeProgram(db, viewerOf(request), request.params.programId, request.body, clock.now()),
  )

  api.post(
    '/programs/:programId/transitions',
    {
      schema: {
        tags: ['programs'],
        summary:
          'Move a program: draft -> enrolling -> matching -> active -> completed -> archived (matching -> enrolling reopens; draft or enrolling -> archived cancels) (program manager)',
        params: ProgramParamsSchema,
        body: TransitionProgramBodySchema,
        response: { 200: ProgramSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => transitionProgram(db, viewerOf(request), request.params.programId, request.body.to, clock.now()),
  )

  api.post(
    '/programs/:programId/next-cycle',
    {
      schema: {
        tags: ['programs'],
        summary:
          'Start the next cycle of a completed peer coaching or circles program: a new draft that avoids earlier partners (program manager)',
        params: ProgramParamsSchema,
        response: { 201: ProgramSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request, reply) =>
      reply.code(201).send(await startNextCycle(db, viewerOf(request), request.params.programId)),
  )
}
