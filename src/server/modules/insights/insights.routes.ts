import { z } from 'zod'
import {
  AtRiskPageSchema,
  AtRiskQuerySchema,
  InsightCsvQuerySchema,
  InsightsOverviewSchema,
  MatchHealthSchema,
  MatchNudgeResultSchema,
  ProgramInsightsSchema,
  ProgramMatchParamsSchema,
  RetentionReportSchema,
} from '#contracts/insights.ts'
import { ProgramParamsSchema } from '#contracts/programs.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRoleOrNotFound, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  INSIGHT_REFRESH_QUEUE,
  INSIGHT_SWEEP_QUEUE,
  type InsightRefreshJob,
  type InsightSweepJob,
  runInsightRefresh,
  runInsightSweep,
} from './insight-snapshots.ts'
import { exportProgramInsightCsv, getAtRiskPage, getInsightsOverview, getProgramInsights } from './insights.service.ts'
import { getMatchHealth, nudgeMatch } from './match-health.service.ts'
import { exportRetentionCsv, getRetentionReport } from './retention.service.ts'

/** Program insights and the organization overview (issue #6): program managers and admins only. */
export const registerInsightRoutes: ApiModule = (api, { db, mailer, config, clock, jobs }) => {
  // The dashboard's snapshots (decision 029): each program counted again every 30 s by its own
  // chain of jobs, and a sweep every minute restarting any chain that was lost. 'short': one queued
  // refresh per program however often it is asked for. A failed refresh is not retried: the next
  // sweep queues it again, and a read never serves a snapshot over a minute old.
  jobs.define<InsightRefreshJob>({
    queue: INSIGHT_REFRESH_QUEUE,
    settings: { policy: 'short', retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600 },
    concurrency: 1,
    handler: async (data) => {
      await runInsightRefresh(db, jobs, data, clock.now())
    },
  })
  jobs.define<InsightSweepJob>({
    queue: INSIGHT_SWEEP_QUEUE,
    settings: { policy: 'short', retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600 },
    concurrency: 1,
    schedule: { cron: '* * * * *', timeZone: 'UTC', description: "Keep every program's dashboard figures current" },
    handler: async () => {
      await runInsightSweep(db, jobs, clock.now())
    },
  })

  api.get(
    '/programs/:programId/insights',
    {
      config: { apiTokenScope: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary:
          "A program's dashboard: every figure hidden below the organization's privacy threshold, and the at-risk matches with the action to take (program managers and admins)",
        params: ProgramParamsSchema,
        response: { 200: ProgramInsightsSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getProgramInsights(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.get(
    '/programs/:programId/insights/at-risk',
    {
      schema: {
        tags: ['insights'],
        summary:
          'One page of the matches that need attention (?sort=attention|name|quiet&offset=&limit=), with how many in all and per reason (program managers and admins)',
        params: ProgramParamsSchema,
        querystring: AtRiskQuerySchema,
        response: { 200: AtRiskPageSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getAtRiskPage(db, viewerOf(request), request.params.programId, request.query, clock.now()),
  )

  api.get(
    '/programs/:programId/insights.csv',
    {
      config: { apiTokenScope: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: 'One figure of the program dashboard as CSV (?figure=sessions); hidden figures stay hidden',
        params: ProgramParamsSchema,
        querystring: InsightCsvQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      const { filename, csv } = await exportProgramInsightCsv(
        db,
        viewerOf(request),
        request.params.programId,
        request.query.figure,
        clock.now(),
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )

  api.get(
    '/programs/:programId/matches/:matchId/health',
    {
      schema: {
        tags: ['insights'],
        summary:
          "One match for its program managers and admins: dates, sessions, goals, pairing fit as aggregates, a re-pair request and why it is at risk (never anyone's words)",
        params: ProgramMatchParamsSchema,
        response: { 200: MatchHealthSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) =>
      getMatchHealth(db, viewerOf(request), request.params.programId, request.params.matchId, clock.now()),
  )

  api.post(
    '/programs/:programId/matches/:matchId/nudge',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Nudge an active match: its members get a reminder in-app and by email; once per match and day (program managers and admins)',
        params: ProgramMatchParamsSchema,
        response: { 200: MatchNudgeResultSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRoleOrNotFound('program_manager', 'Match'),
    },
    async (request) =>
      nudgeMatch(
        db,
        { mailer, publicUrl: config.publicUrl },
        viewerOf(request),
        request.params.programId,
        request.params.matchId,
        clock.now(),
      ),
  )

  api.get(
    '/insights/overview',
    {
      config: { apiTokenScope: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary:
          "Every program side by side and the organization's themes with the programs and goals serving each (program managers and admins)",
        response: { 200: InsightsOverviewSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getInsightsOverview(db, viewerOf(request), clock.now()),
  )

  api.get(
    '/insights/retention',
    {
      config: { apiTokenScope: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary:
          'Retention of participants against non-participants at 6 and 12 months after each program started, with group sizes; hidden below the privacy threshold (program managers and admins)',
        response: { 200: RetentionReportSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getRetentionReport(db, viewerOf(request), clock.now()),
  )

  api.get(
    '/insights/retention.csv',
    {
      config: { apiTokenScope: 'insights:read' },
      schema: {
        tags: ['insights'],
        summary: 'The retention table as CSV; hidden figures stay hidden',
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      const { filename, csv } = await exportRetentionCsv(db, viewerOf(request), clock.now())
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )
}
