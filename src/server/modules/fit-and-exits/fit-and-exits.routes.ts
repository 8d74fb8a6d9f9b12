import {
  ClosingSurveyAnswerSchema,
  ClosingSurveyBodySchema,
  CompleteMatchBodySchema,
  CreateRepairRequestBodySchema,
  DissolveMatchBodySchema,
  FitAndExitsSchema,
  FitAnswerBodySchema,
  FitAnswerSchema,
  ManagedRepairRequestSchema,
  ManagerCompletionSchema,
  MatchRepairRequestParamsSchema,
  MyRepairRequestSchema,
  RepairRequestListQuerySchema,
  RepairRequestListSchema,
  RepairRequestParamsSchema,
} from '#contracts/fit-and-exits.ts'
import { ProgramMatchParamsSchema } from '#contracts/insights.ts'
import { MatchParamsSchema } from '#contracts/matching.ts'
import { ProgramParamsSchema } from '#contracts/programs.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRoleOrNotFound, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  answerClosingSurvey,
  answerFit,
  askToBeRepaired,
  completeMatch,
  completeMatchAsManager,
  dissolveMatchAsMember,
  getFitAndExits,
  listProgramRepairRequests,
  resolveRepairRequest,
  withdrawRepairRequest,
} from './fit-and-exits.service.ts'

// Match routes: members only (404 for everyone else, whatever their role). Program routes: program
// managers and admins (404 for participants, as matching does). A re-pair reason is never in a member's answer
// other than its requester's own.

/** Pairing fit, re-pair requests, completing or dissolving a match, the closing survey. */
export const registerFitAndExitRoutes: ApiModule = (api, { db, mailer, config, clock }) => {
  const deps = { mailer, publicUrl: config.publicUrl }
  api.get(
    '/matches/:matchId/fit-and-exits',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'My pairing-fit answer, my re-pair request, what I can do to end the match, and my closing survey',
        params: MatchParamsSchema,
        response: { 200: FitAndExitsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getFitAndExits(db, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.post(
    '/matches/:matchId/fit',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'Answer the pairing-fit question once, after the first session (409 fit_too_early before it)',
        params: MatchParamsSchema,
        body: FitAnswerBodySchema,
        response: { 201: FitAnswerSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await answerFit(db, viewerOf(request), request.params.matchId, request.body, clock.now())),
  )

  api.post(
    '/matches/:matchId/repair-requests',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'Ask to be re-paired; the reason is for program managers only, never the partner',
        params: MatchParamsSchema,
        body: CreateRepairRequestBodySchema,
        response: { 201: MyRepairRequestSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await askToBeRepaired(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.post(
    '/matches/:matchId/repair-requests/:requestId/withdraw',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'Withdraw my open re-pair request',
        params: MatchRepairRequestParamsSchema,
        response: { 200: MyRepairRequestSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) =>
      withdrawRepairRequest(db, viewerOf(request), request.params.matchId, request.params.requestId, clock.now()),
  )

  api.get(
    '/programs/:programId/repair-requests',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: "The program's re-pair requests with their reasons (program manager); open ones unless status=all",
        params: ProgramParamsSchema,
        querystring: RepairRequestListQuerySchema,
        response: { 200: RepairRequestListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listProgramRepairRequests(db, viewerOf(request), request.params.programId, request.query),
  )

  api.post(
    '/repair-requests/:requestId/resolve',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'Mark a re-pair request handled (program manager); the requester is told',
        params: RepairRequestParamsSchema,
        response: { 200: ManagedRepairRequestSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Re-pair request'),
    },
    async (request) => resolveRepairRequest(db, viewerOf(request), request.params.requestId, clock.now()),
  )

  api.post(
    '/matches/:matchId/complete',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary:
          'Agree to complete the match (while the program is active or completed); it completes, its future sessions are cancelled and the closing survey opens once every member agreed',
        params: MatchParamsSchema,
        body: CompleteMatchBodySchema,
        response: { 200: FitAndExitsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => completeMatch(db, deps, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.post(
    '/programs/:programId/matches/:matchId/complete',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary:
          'A program manager completes an active match without waiting for its members: its future sessions are cancelled and open re-pair requests closed',
        params: ProgramMatchParamsSchema,
        body: CompleteMatchBodySchema,
        response: { 200: ManagerCompletionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request) =>
      completeMatchAsManager(
        db,
        deps,
        viewerOf(request),
        request.params.programId,
        request.params.matchId,
        clock.now(),
      ),
  )

  api.post(
    '/matches/:matchId/dissolve',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary: 'End the match early with a reason (program managers read it; the partner does not)',
        params: MatchParamsSchema,
        body: DissolveMatchBodySchema,
        response: { 200: FitAndExitsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) =>
      dissolveMatchAsMember(db, deps, viewerOf(request), request.params.matchId, request.body, clock.now()),
  )

  api.post(
    '/matches/:matchId/closing-survey',
    {
      schema: {
        tags: ['fit-and-exits'],
        summary:
          'Answer the closing survey once, after completion or dissolution: satisfaction, would recommend, focus skills',
        params: MatchParamsSchema,
        body: ClosingSurveyBodySchema,
        response: { 201: ClosingSurveyAnswerSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await answerClosingSurvey(db, viewerOf(request), request.params.matchId, request.body)),
  )
}
