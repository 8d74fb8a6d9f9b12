import { MatchParamsSchema } from '#contracts/matching.ts'
import {
  AcceptAgreementBodySchema,
  AgreementSchema,
  CreateGoalBodySchema,
  CreateMilestoneBodySchema,
  GoalParamsSchema,
  GoalSchema,
  MilestoneParamsSchema,
  PostGoalUpdateBodySchema,
  ProposeAgreementBodySchema,
  UpdateGoalBodySchema,
  UpdateMilestoneBodySchema,
  WorkspaceSchema,
} from '#contracts/workspaces.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  acceptAgreement,
  addMilestone,
  changeGoal,
  getWorkspace,
  markMilestone,
  postGoalUpdate,
  proposeAgreement,
  setGoal,
} from './workspaces.service.ts'

// Members of the match only: everyone else gets 404 from the service, whatever their role.

/** The match workspace: the agreement and the members' goals. */
export const registerWorkspaceRoutes: ApiModule = (api, { db, mailer, config, clock }) => {
  const deps = { mailer, publicUrl: config.publicUrl }
  api.get(
    '/matches/:matchId/workspace',
    {
      schema: {
        tags: ['workspaces'],
        summary: "My match's workspace: partners, program confidentiality terms, the agreement and everyone's goals",
        params: MatchParamsSchema,
        response: { 200: WorkspaceSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request) => getWorkspace(db, viewerOf(request), request.params.matchId),
  )

  api.put(
    '/matches/:matchId/agreement',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'Propose or change the agreement (focus and ground rules); a change needs every member to accept again',
        params: MatchParamsSchema,
        body: ProposeAgreementBodySchema,
        response: { 200: AgreementSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request) => proposeAgreement(db, deps, viewerOf(request), request.params.matchId, request.body, clock.now()),
  )

  api.post(
    '/matches/:matchId/agreement/accept',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Accept the current version of the agreement (409 agreement_changed when it changed meanwhile)',
        params: MatchParamsSchema,
        body: AcceptAgreementBodySchema,
        response: { 200: AgreementSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request) => acceptAgreement(db, viewerOf(request), request.params.matchId, request.body, clock.now()),
  )

  api.post(
    '/matches/:matchId/goals',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Set one of my goals in this match (in mentoring only the mentee owns goals)',
        params: MatchParamsSchema,
        body: CreateGoalBodySchema,
        response: { 201: GoalSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await setGoal(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.patch(
    '/goals/:goalId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Change my goal: wording, due date, status or progress (owner only)',
        params: GoalParamsSchema,
        body: UpdateGoalBodySchema,
        response: { 200: GoalSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request) => changeGoal(db, viewerOf(request), request.params.goalId, request.body, clock.now()),
  )

  api.post(
    '/goals/:goalId/milestones',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Add a milestone to my goal (owner only); answers the goal',
        params: GoalParamsSchema,
        body: CreateMilestoneBodySchema,
        response: { 201: GoalSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await addMilestone(db, viewerOf(request), request.params.goalId, request.body)),
  )

  api.patch(
    '/goals/:goalId/milestones/:milestoneId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Mark a milestone of my goal done or not done (owner only); answers the goal',
        params: MilestoneParamsSchema,
        body: UpdateMilestoneBodySchema,
        response: { 200: GoalSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request) =>
      markMilestone(
        db,
        viewerOf(request),
        request.params.goalId,
        request.params.milestoneId,
        request.body,
        clock.now(),
      ),
  )

  api.post(
    '/goals/:goalId/updates',
    {
      schema: {
        tags: ['workspaces'],
        summary: "Post a progress update on my goal (owner, 0-100) or a comment on a partner's goal; answers the goal",
        params: GoalParamsSchema,
        body: PostGoalUpdateBodySchema,
        response: { 201: GoalSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await postGoalUpdate(db, viewerOf(request), request.params.goalId, request.body, clock.now())),
  )
}
