import { z } from 'zod'
import {
  CompareRunsQuerySchema,
  CreateManualMatchBodySchema,
  CreatePairRuleBodySchema,
  CreatePairRuleResultSchema,
  MatchingRunComparisonSchema,
  MatchingRunDetailSchema,
  MatchingRunListSchema,
  MatchingRunParamsSchema,
  MatchingRunSchema,
  MatchParamsSchema,
  MyMatchListSchema,
  MyMatchSchema,
  PairRuleListSchema,
  PairRuleParamsSchema,
  ProgramMatchesQuerySchema,
  ProgramMatchesSchema,
  ProgramParamsSchema,
  PublishMatchesResultSchema,
  RespondToMatchBodySchema,
  ReviewMatchSchema,
  StartMatchingRunBodySchema,
  SwapMembersBodySchema,
  SwapResultSchema,
} from '#contracts/matching.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRoleOrNotFound, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  createManualMatch,
  dissolveMatch,
  listMatchesForReview,
  listMyMatches,
  lockMatch,
  publishMatches,
  respondToMatch,
  swapMembers,
  unlockMatch,
} from './matches.service.ts'
import {
  compareMatchingRuns,
  failAbandonedMatchingRun,
  getMatchingRunDetail,
  listProgramMatchingRuns,
  MATCHING_RUN_FAILED_QUEUE,
  MATCHING_RUN_QUEUE,
  type MatchingRunJobData,
  runQueuedMatchingRun,
  startMatchingRun,
} from './matching-runs.service.ts'
import { createPairRule, listProgramPairRules, removePairRule } from './pair-rules.service.ts'

const NoContentSchema = z.null().describe('No content')

// Program managers only: for anyone else these routes answer 404 (the service decides), so a
// participant cannot even learn that a run or a proposal exists.

/** Matching runs, review and adjustments, publication, and members' responses. */
export const registerMatchingRoutes: ApiModule = (api, { db, mailer, config, jobs, clock, metrics }) => {
  // A run whose every attempt died lands here and is failed, so the program can be run again.
  jobs.define<MatchingRunJobData>({
    queue: MATCHING_RUN_FAILED_QUEUE,
    settings: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 },
    handler: async (data) => {
      if (await failAbandonedMatchingRun(db, data, clock)) metrics.recordMatchingRun({ outcome: 'abandoned' })
    },
  })
  jobs.define<MatchingRunJobData>({
    queue: MATCHING_RUN_QUEUE,
    // The engine stops itself after 10 minutes; a worker whose process died stops heartbeating and
    // its run is tried once more on another worker (or after a restart), then failed. Heartbeat 10 s
    // (pg-boss's least) + one supervision pass (10 s) + 1 s + a poll (2 s): retried within ~25 s.
    settings: {
      retryLimit: 1,
      retryDelay: 1,
      retryBackoff: false,
      expireInSeconds: 20 * 60,
      heartbeatSeconds: 10,
      deadLetter: MATCHING_RUN_FAILED_QUEUE,
    },
    // One engine per core is plenty: each run takes a worker thread.
    concurrency: 1,
    handler: async (data, job) => {
      const ending = await runQueuedMatchingRun(db, data, clock, job)
      if (ending) metrics.recordMatchingRun(ending)
    },
  })

  api.post(
    '/programs/:programId/matching-runs',
    {
      schema: {
        tags: ['matching'],
        summary:
          'Queue a matching run, which a job worker runs in a worker thread (program manager; program matching, or active for late enrollees); 202 with the queued run',
        params: ProgramParamsSchema,
        body: StartMatchingRunBodySchema,
        response: { 202: MatchingRunSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Program'),
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await startMatchingRun(db, viewerOf(request), request.params.programId, request.body, clock, jobs)),
  )

  api.get(
    '/programs/:programId/matching-runs',
    {
      schema: {
        tags: ['matching'],
        summary: "The program's matching runs, newest first, with their summaries (program manager)",
        params: ProgramParamsSchema,
        response: { 200: MatchingRunListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listProgramMatchingRuns(db, viewerOf(request), request.params.programId),
  )

  api.get(
    '/programs/:programId/matching-runs/compare',
    {
      schema: {
        tags: ['matching'],
        summary: 'Two runs side by side: summaries, differences and who changed partner (program manager)',
        params: ProgramParamsSchema,
        querystring: CompareRunsQuerySchema,
        response: { 200: MatchingRunComparisonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => compareMatchingRuns(db, viewerOf(request), request.params.programId, request.query),
  )

  api.get(
    '/matching-runs/:runId',
    {
      schema: {
        tags: ['matching'],
        summary: "A run's status and progress, and once succeeded its matches and unmatched people (program manager)",
        params: MatchingRunParamsSchema,
        response: { 200: MatchingRunDetailSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getMatchingRunDetail(db, viewerOf(request), request.params.runId),
  )

  api.get(
    '/programs/:programId/matches',
    {
      schema: {
        tags: ['matching'],
        summary:
          'Review: proposed and published matches with reasons, and unmatched enrollees with why (program manager)',
        params: ProgramParamsSchema,
        querystring: ProgramMatchesQuerySchema,
        response: { 200: ProgramMatchesSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) =>
      listMatchesForReview(db, viewerOf(request), request.params.programId, request.query, clock.now()),
  )

  api.post(
    '/programs/:programId/matches',
    {
      schema: {
        tags: ['matching'],
        summary:
          'Match people by hand: a manual proposal, refused with 422 when it breaks a hard rule (program manager)',
        params: ProgramParamsSchema,
        body: CreateManualMatchBodySchema,
        response: { 201: ReviewMatchSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Program'),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createManualMatch(db, viewerOf(request), request.params.programId, request.body, clock.now())),
  )

  api.post(
    '/programs/:programId/matches/publish',
    {
      schema: {
        tags: ['matching'],
        summary: 'Publish every proposal: members are notified in-app and by email; a matching program becomes active',
        params: ProgramParamsSchema,
        response: { 200: PublishMatchesResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Program'),
    },
    async (request) =>
      publishMatches(
        db,
        { mailer, publicUrl: config.publicUrl },
        viewerOf(request),
        request.params.programId,
        clock.now(),
      ),
  )

  api.post(
    '/matches/:matchId/lock',
    {
      schema: {
        tags: ['matching'],
        summary: 'Lock a proposal so re-runs keep it (checked against the hard rules; program manager)',
        params: MatchParamsSchema,
        response: { 200: ReviewMatchSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request) => lockMatch(db, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.post(
    '/matches/:matchId/unlock',
    {
      schema: {
        tags: ['matching'],
        summary: 'Unlock a proposal: the next run may replace it (program manager)',
        params: MatchParamsSchema,
        response: { 200: ReviewMatchSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request) => unlockMatch(db, viewerOf(request), request.params.matchId, clock.now()),
  )

  api.post(
    '/matches/:matchId/swap',
    {
      schema: {
        tags: ['matching'],
        summary:
          'Swap a member with someone from another proposal or an unmatched enrollee; both matches rechecked (program manager)',
        params: MatchParamsSchema,
        body: SwapMembersBodySchema,
        response: { 200: SwapResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request) => swapMembers(db, viewerOf(request), request.params.matchId, request.body, clock.now()),
  )

  api.delete(
    '/matches/:matchId',
    {
      schema: {
        tags: ['matching'],
        summary: 'Dissolve a proposal: its members return to the pool (program manager)',
        params: MatchParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request, reply) => {
      await dissolveMatch(db, viewerOf(request), request.params.matchId, clock.now())
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/programs/:programId/pair-rules',
    {
      schema: {
        tags: ['matching'],
        summary: "The program's must-pair and never-pair rules (program manager)",
        params: ProgramParamsSchema,
        response: { 200: PairRuleListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listProgramPairRules(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.post(
    '/programs/:programId/pair-rules',
    {
      schema: {
        tags: ['matching'],
        summary:
          'Add a must-pair or never-pair rule; a never rule dissolves a current proposal of the two (program manager)',
        params: ProgramParamsSchema,
        body: CreatePairRuleBodySchema,
        response: { 201: CreatePairRuleResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Program'),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createPairRule(db, viewerOf(request), request.params.programId, request.body, clock.now())),
  )

  api.delete(
    '/programs/:programId/pair-rules/:ruleId',
    {
      schema: {
        tags: ['matching'],
        summary: 'Delete a pair rule (program manager)',
        params: PairRuleParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Program'),
    },
    async (request, reply) => {
      await removePairRule(db, viewerOf(request), request.params.programId, request.params.ruleId)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/me/matches',
    {
      schema: {
        tags: ['matching'],
        summary: 'My published matches: partners, why we were matched, my response',
        response: { 200: MyMatchListSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => listMyMatches(db, viewerOf(request)),
  )

  api.post(
    '/matches/:matchId/respond',
    {
      schema: {
        tags: ['matching'],
        summary: 'Accept or decline one of my published matches (a decline reason reaches program managers only)',
        params: MatchParamsSchema,
        body: RespondToMatchBodySchema,
        response: { 200: MyMatchSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => respondToMatch(db, viewerOf(request), request.params.matchId, request.body, clock.now()),
  )
}
