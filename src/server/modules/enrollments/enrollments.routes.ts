import { z } from 'zod'
import {
  EnrollBodySchema,
  EnrollmentListQuerySchema,
  EnrollmentListSchema,
  EnrollmentPersonParamsSchema,
  EnrollmentSchema,
  EnrollPeopleBodySchema,
  EnrollPeopleResultSchema,
  MyEnrollmentSchema,
  TermsToAcceptListSchema,
  WithdrawResultSchema,
} from '#contracts/enrollments.ts'
import { ProgramParamsSchema } from '#contracts/programs.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  acceptProgramTerms,
  enroll,
  enrollPeople,
  exportProgramEnrollmentsCsv,
  getMyEnrollment,
  listProgramEnrollments,
  listTermsToAccept,
  removeEnrollment,
  withdraw,
} from './enrollments.service.ts'

/** Enrollment: participants enroll, edit and withdraw; program managers see who enrolled and enroll or remove people. */
export const registerEnrollmentRoutes: ApiModule = (api, { db, clock, mailer, config }) => {
  api.get(
    '/programs/:programId/enrollment',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'My enrollment in a program, or a draft pre-filled from my profile, and whether I may enroll now',
        params: ProgramParamsSchema,
        response: { 200: MyEnrollmentSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => getMyEnrollment(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.put(
    '/programs/:programId/enrollment',
    {
      schema: {
        tags: ['enrollments'],
        summary:
          'Enroll or edit my enrollment while enrollment is open (consent to the confidentiality terms required; 403 not_eligible when the program is not open to me)',
        params: ProgramParamsSchema,
        body: EnrollBodySchema,
        response: { 200: EnrollmentSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => enroll(db, viewerOf(request), request.params.programId, request.body, clock.now()),
  )

  api.delete(
    '/programs/:programId/enrollment',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Withdraw while enrollment is open and before I am in a published match',
        params: ProgramParamsSchema,
        response: { 200: WithdrawResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => withdraw(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.get(
    '/me/terms-to-accept',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Programs someone enrolled me in whose confidentiality terms I have not accepted yet',
        response: { 200: TermsToAcceptListSchema },
      },
      preValidation: requireViewer,
    },
    async (request) => listTermsToAccept(db, viewerOf(request)),
  )

  api.post(
    '/programs/:programId/enrollment/accept-terms',
    {
      schema: {
        tags: ['enrollments'],
        summary: "Accept the program's confidentiality terms, which opens my match's workspace",
        params: ProgramParamsSchema,
        response: { 200: EnrollmentSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => acceptProgramTerms(db, viewerOf(request), request.params.programId, clock.now()),
  )

  api.get(
    '/programs/:programId/enrollments',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Who enrolled, by name, with counts by department and mentoring role (program manager)',
        params: ProgramParamsSchema,
        querystring: EnrollmentListQuerySchema,
        response: { 200: EnrollmentListSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => listProgramEnrollments(db, viewerOf(request), request.params.programId, request.query),
  )

  api.get(
    '/programs/:programId/enrollments.csv',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Everyone enrolled as CSV, with a column per enrollment question and their answers (program manager)',
        params: ProgramParamsSchema,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(404) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request, reply) => {
      const { filename, csv } = await exportProgramEnrollmentsCsv(db, viewerOf(request), request.params.programId)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )

  api.post(
    '/programs/:programId/enrollments',
    {
      schema: {
        tags: ['enrollments'],
        summary:
          'Enroll people (active or invited) on their behalf with their profile skills; all or none; invited people get one email naming the program (program manager)',
        params: ProgramParamsSchema,
        body: EnrollPeopleBodySchema,
        response: { 200: EnrollPeopleResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) =>
      enrollPeople(db, { mailer, config }, viewerOf(request), request.params.programId, request.body, clock.now()),
  )

  api.delete(
    '/programs/:programId/enrollments/:personId',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Remove a person from the program, unless they are in a published match (program manager)',
        params: EnrollmentPersonParamsSchema,
        response: { 200: WithdrawResultSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) =>
      removeEnrollment(db, viewerOf(request), request.params.programId, request.params.personId, clock.now()),
  )
}
