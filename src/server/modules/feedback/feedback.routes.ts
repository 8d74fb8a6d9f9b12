import {
  FeedbackSchema,
  FeedbackSummarySchema,
  FeedbackTextsSchema,
  GiveFeedbackBodySchema,
  MatchFeedbackSchema,
  WordingCheckSchema,
} from '#contracts/feedback.ts'
import { MatchParamsSchema } from '#contracts/matching.ts'
import { ProgramParamsSchema } from '#contracts/programs.ts'
import { SessionParamsSchema } from '#contracts/sessions.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import { checkWording, getFeedbackSummary, getMatchFeedback, giveFeedback } from './feedback.service.ts'

/** Structured feedback after a session, with the constructive-wording check; aggregated ratings for managers. */
export const registerFeedbackRoutes: ApiModule = (api, { db, clock }) => {
  api.post(
    '/matches/:matchId/feedback/check',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Check the wording of feedback before sending it: the flags and suggestions, nothing stored',
        params: MatchParamsSchema,
        body: FeedbackTextsSchema,
        response: { 200: WordingCheckSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => checkWording(db, viewerOf(request), request.params.matchId, request.body),
  )

  api.post(
    '/sessions/:sessionId/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Give a member feedback for a past session, once; flagged wording answers 422 feedback_not_constructive unless acknowledgeFlags',
        params: SessionParamsSchema,
        body: GiveFeedbackBodySchema,
        response: { 201: FeedbackSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await giveFeedback(db, viewerOf(request), request.params.sessionId, request.body, clock.now())),
  )

  api.get(
    '/matches/:matchId/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'The feedback I received and gave in this match, and the feedback I still owe for past sessions',
        params: MatchParamsSchema,
        response: { 200: MatchFeedbackSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getMatchFeedback(db, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.get(
    '/programs/:programId/feedback-summary',
    {
      schema: {
        tags: ['feedback'],
        summary:
          "A program's feedback ratings: averages and counts only, hidden below the privacy threshold (program managers and admins)",
        params: ProgramParamsSchema,
        response: { 200: FeedbackSummarySchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getFeedbackSummary(db, viewerOf(request), request.params.programId),
  )
}
