import { MatchParamsSchema } from '#contracts/matching.ts'
import {
  CheckInSchema,
  CreateCheckInBodySchema,
  CreateSupportRequestBodySchema,
  MatchCheckInStateSchema,
  MyWellbeingSchema,
  SupportRequestListSchema,
  SupportRequestResultSchema,
} from '#contracts/wellbeing.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  getMyMatchCheckIns,
  getMyWellbeing,
  listMySupportRequests,
  recordCheckIn,
  requestSupport,
} from './wellbeing.service.ts'

// Check-ins are private to the person: every route answers the viewer's own, never anyone else's.
// Match routes are for members of the match only (404 for everyone else, whatever their role).

/** Wellbeing check-ins, the personal trend and support requests. */
export const registerWellbeingRoutes: ApiModule = (api, { db, mailer, config, clock }) => {
  api.post(
    '/matches/:matchId/wellbeing-checkins',
    {
      schema: {
        tags: ['wellbeing'],
        summary: 'Check in (mood and stress 1-5, a private note) before or after a session of the match, or anytime',
        params: MatchParamsSchema,
        body: CreateCheckInBodySchema,
        response: { 201: CheckInSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await recordCheckIn(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.get(
    '/matches/:matchId/wellbeing-checkins',
    {
      schema: {
        tags: ['wellbeing'],
        summary: 'My own check-in state in the match: before/after per session and my latest check-in',
        params: MatchParamsSchema,
        response: { 200: MatchCheckInStateSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getMyMatchCheckIns(db, viewerOf(request), request.params.matchId),
  )

  api.get(
    '/me/wellbeing',
    {
      schema: {
        tags: ['wellbeing'],
        summary: 'My check-ins and my trend (weekly averages, before/after deltas per session): for me alone',
        response: { 200: MyWellbeingSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getMyWellbeing(db, viewerOf(request)),
  )

  api.get(
    '/matches/:matchId/support-requests',
    {
      schema: {
        tags: ['wellbeing'],
        summary: 'Who a support request reaches, and my past support requests in this match',
        params: MatchParamsSchema,
        response: { 200: SupportRequestListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listMySupportRequests(db, viewerOf(request), request.params.matchId),
  )

  api.post(
    '/matches/:matchId/support-requests',
    {
      schema: {
        tags: ['wellbeing'],
        summary:
          "I'd like support: with consent (consent: true) my message reaches the program's support contact in-app and by email",
        params: MatchParamsSchema,
        body: CreateSupportRequestBodySchema,
        response: { 201: SupportRequestResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await requestSupport(
            db,
            { mailer, publicUrl: config.publicUrl },
            viewerOf(request),
            request.params.matchId,
            request.body,
            clock.now(),
          ),
        ),
  )
}
