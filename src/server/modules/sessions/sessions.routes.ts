import { z } from 'zod'
import { MatchParamsSchema } from '#contracts/matching.ts'
import {
  CancelSessionBodySchema,
  CreatedSessionsSchema,
  CreateSessionBodySchema,
  MyUpcomingSessionsQuerySchema,
  MyUpcomingSessionsSchema,
  SessionListSchema,
  SessionParamsSchema,
  SessionSchema,
  SessionStatusBodySchema,
  SessionSuggestionsQuerySchema,
  SessionSuggestionsSchema,
  UpdateSessionBodySchema,
} from '#contracts/sessions.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  cancelSession,
  changeSession,
  getSession,
  getSessionInvitation,
  listMyUpcomingSessions,
  listSessions,
  recordSessionStatus,
  scheduleSession,
  suggestSessionTimes,
} from './sessions.service.ts'

// Members of the match only: everyone else (program managers and admins included) gets 404 from the service.

/** Coaching sessions: schedule, time zones, .ics invitations, roles, agenda and status. */
export const registerSessionRoutes: ApiModule = (api, { db, mailer, config, jobs, clock }) => {
  const deps = { mailer, publicUrl: config.publicUrl, jobs }

  api.get(
    '/matches/:matchId/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "My match's sessions: upcoming (soonest first) and past (latest first), not paged, with the give-and-take balance and who coaches next",
        params: MatchParamsSchema,
        response: { 200: SessionListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listSessions(db, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.post(
    '/matches/:matchId/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'Schedule a session (or a series at the program cadence) at a local time in my zone; the other members get a notification and an email with the .ics',
        params: MatchParamsSchema,
        body: CreateSessionBodySchema,
        response: { 201: CreatedSessionsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await scheduleSession(db, deps, viewerOf(request), request.params.matchId, request.body, clock.now())),
  )

  api.get(
    '/matches/:matchId/session-suggestions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "Times inside every member's working hours and days, clear of their scheduled sessions, on 15-minute boundaries (one per day)",
        params: MatchParamsSchema,
        querystring: SessionSuggestionsQuerySchema,
        response: { 200: SessionSuggestionsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => suggestSessionTimes(db, viewerOf(request), request.params.matchId, request.query, clock.now()),
  )

  api.get(
    '/me/coaching-sessions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'My own scheduled sessions that have not ended, in every match I may open, soonest first: the first `limit` (default 5, at most 50) and the total',
        querystring: MyUpcomingSessionsQuerySchema,
        response: { 200: MyUpcomingSessionsSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listMyUpcomingSessions(db, viewerOf(request), request.query, clock.now()),
  )

  api.get(
    '/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'One session, with every member’s local time',
        params: SessionParamsSchema,
        response: { 200: SessionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getSession(db, viewerOf(request), request.params.sessionId),
  )

  api.patch(
    '/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Reschedule a scheduled session or change its agenda (the invitation sequence goes up)',
        params: SessionParamsSchema,
        body: UpdateSessionBodySchema,
        response: { 200: SessionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => changeSession(db, deps, viewerOf(request), request.params.sessionId, request.body, clock.now()),
  )

  api.post(
    '/sessions/:sessionId/cancel',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Cancel a scheduled session; the other members get the cancelled invitation',
        params: SessionParamsSchema,
        body: CancelSessionBodySchema,
        response: { 200: SessionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => cancelSession(db, deps, viewerOf(request), request.params.sessionId, request.body, clock.now()),
  )

  api.post(
    '/sessions/:sessionId/status',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Mark a session held or missed, once its start time has passed',
        params: SessionParamsSchema,
        body: SessionStatusBodySchema,
        response: { 200: SessionSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => recordSessionStatus(db, viewerOf(request), request.params.sessionId, request.body, clock.now()),
  )

  api.get(
    '/sessions/:sessionId/invitation.ics',
    {
      schema: {
        tags: ['sessions'],
        summary: "The session's calendar invitation (METHOD:REQUEST, or METHOD:CANCEL once cancelled)",
        produces: ['text/calendar'],
        params: SessionParamsSchema,
        response: { 200: z.string(), ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      const invitation = await getSessionInvitation(db, deps, viewerOf(request), request.params.sessionId, clock.now())
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${invitation.filename}"`)
        .header('cache-control', 'no-store')
        .send(invitation.content)
    },
  )
}
