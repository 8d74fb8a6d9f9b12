import { SessionSchema } from '#contracts/auth.ts'
import {
  OrganizationSchema,
  SetupBodySchema,
  SetupStatusSchema,
  UpdateOrganizationBodySchema,
} from '#contracts/organizations.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses, publicErrorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, SESSION_COOKIE, viewerOf } from '#server/http/viewer.ts'
import { setSessionCookie } from '#server/modules/auth/session-cookie.ts'
import { changeOrganization, getOrganization, getSetupStatus, setUpInstance } from './organizations.service.ts'

/** First run and the viewer's organization. */
export const registerOrganizationRoutes: ApiModule = (api, { db, config, clock }) => {
  api.get(
    '/setup',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Whether this server has been set up (has an organization)',
        response: { 200: SetupStatusSchema },
      },
      // Public, read by every page load: also for a session held at two-step sign-in set-up (decision 040).
      config: { allowDuringMfaEnrollment: true },
    },
    async () => getSetupStatus(db),
  )

  api.post(
    '/setup',
    {
      schema: {
        tags: ['organizations'],
        summary: 'First run: create the organization and its first admin, and sign the admin in',
        body: SetupBodySchema,
        response: { 201: SessionSchema, ...publicErrorResponses(409) },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent']
      const started = await setUpInstance(
        db,
        config,
        request.body,
        {
          ip: request.ip,
          userAgent: typeof userAgent === 'string' ? userAgent : '',
          previousToken: request.cookies[SESSION_COOKIE],
        },
        clock.now(),
      )
      setSessionCookie(reply, config, started.token)
      return reply.code(201).send(started.session)
    },
  )

  api.get(
    '/organization',
    {
      schema: {
        tags: ['organizations'],
        summary: 'My organization',
        response: { 200: OrganizationSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => getOrganization(db, viewerOf(request)),
  )

  api.patch(
    '/organization',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Rename the organization or change the smallest group aggregates may show (admin)',
        body: UpdateOrganizationBodySchema,
        response: { 200: OrganizationSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => changeOrganization(db, viewerOf(request), request.body),
  )
}
