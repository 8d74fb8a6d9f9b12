import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  AcceptInvitationBodySchema,
  AuthSessionListSchema,
  AuthSessionParamsSchema,
  BulkInvitationBodySchema,
  BulkInvitationResultSchema,
  CancelledInvitationSchema,
  InvitationBodySchema,
  InvitationPersonParamsSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationSelectionCountsSchema,
  InvitationSelectionSchema,
  InvitationTokenParamsSchema,
  MfaCodeBodySchema,
  MfaDisableBodySchema,
  MfaPolicyBodySchema,
  MfaPolicySchema,
  MfaRecoveryCodesSchema,
  MfaSetupSchema,
  MfaSignInBodySchema,
  MfaStatusSchema,
  PasswordResetCompleteBodySchema,
  PasswordResetCompletedSchema,
  PasswordResetRequestBodySchema,
  PasswordResetRequestedSchema,
  PendingInvitationListQuerySchema,
  PendingInvitationListSchema,
  PersonSessionsParamsSchema,
  RevokedSessionsSchema,
  SessionSchema,
  SignInAnswerSchema,
  SignInBodySchema,
  SignInResetSchema,
} from '#contracts/auth.ts'
import type { ApiModule } from '#server/app.ts'
import { AppError } from '#server/http/app-error.ts'
import { errorResponses, publicErrorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, SESSION_COOKIE, viewerOf } from '#server/http/viewer.ts'
import { sealStoredSecretsAtStart } from '#server/secrets/seal-at-start.ts'
import {
  dismissSignInNotice,
  getSession,
  listMySessions,
  type RequestMeta,
  revokeMySession,
  revokeSessionsOfPersonAsAdmin,
  SignInLockedError,
  signIn,
  signOut,
} from './auth.service.ts'
import {
  acceptInvitation,
  cancelInvitation,
  countInvitationSelection,
  getInvitation,
  InvitationRecentlySentError,
  invitePerson,
  listInvitations,
  runBulkInvitations,
} from './invitations.service.ts'
import {
  confirmMfaSetup,
  disableMfa,
  getMfaPolicy,
  getMfaStatus,
  sealStoredTotpSecrets,
  signInWithCode,
  startMfaSetup,
  updateMfaPolicy,
} from './mfa.service.ts'
import {
  completePasswordReset,
  PASSWORD_RESET_QUEUE,
  type PasswordResetJobData,
  queuePasswordReset,
  requestPasswordReset,
} from './password-reset.service.ts'
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts'
import { resetSignInAsAdmin } from './sign-in-reset.service.ts'

const NoContentSchema = z.null().describe('No content')

function requestMeta(request: {
  ip: string
  headers: Record<string, string | string[] | undefined>
  cookies: Record<string, string | undefined>
}): RequestMeta {
  const userAgent = request.headers['user-agent']
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : '',
    previousToken: request.cookies[SESSION_COOKIE],
  }
}

/** Sign-in, sessions, invitations and password reset. */
export const registerAuthRoutes: ApiModule = (api, { db, config, mailer, jobs, clock, metrics, secrets }) => {
  sealStoredSecretsAtStart(api, 'TOTP secrets', () => sealStoredTotpSecrets(db, secrets))
  jobs.define<PasswordResetJobData>({
    queue: PASSWORD_RESET_QUEUE,
    // The address is personal data: a finished request is not kept longer than an hour.
    settings: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 120, deleteAfterSeconds: 3600 },
    async handler(data) {
      const outcome = await requestPasswordReset(db, mailer, config, data.email, data.address ?? null, clock.now())
      if (outcome.error) throw outcome.error
    },
  })

  api.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with email and password; sets the session cookie (a new session every time). An account with TOTP answers a pending sign-in instead (mfaRequired, no cookie): send the code to POST /api/auth/sign-in/mfa',
        body: SignInBodySchema,
        response: { 200: SignInAnswerSchema, ...errorResponses(429) },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      try {
        const started = await signIn(db, config, request.body, requestMeta(request), clock.now())
        if ('challenge' in started) return started.challenge
        metrics.recordSignIn('success')
        setSessionCookie(reply, config, started.token)
        return started.session
      } catch (error) {
        countRefusedSignIn(error, reply)
        throw error
      }
    },
  )

  // One count for a refused sign-in, by password or by code: a lockout also says when to retry.
  function countRefusedSignIn(error: unknown, reply: FastifyReply) {
    if (error instanceof SignInLockedError) {
      metrics.recordSignIn('locked_out')
      reply.header('retry-after', String(error.retryAfterSeconds))
    } else if (error instanceof AppError) metrics.recordSignIn('failure')
  }

  api.post(
    '/auth/sign-in/mfa',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Finish a sign-in with the 6-digit code of the authenticator app or a recovery code (works once); sets the session cookie',
        body: MfaSignInBodySchema,
        response: { 200: SessionSchema, ...errorResponses(429) },
      },
      config: { csrf: false, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      try {
        const started = await signInWithCode(db, config, secrets, request.body, requestMeta(request), clock.now())
        metrics.recordSignIn('success')
        setSessionCookie(reply, config, started.token)
        return started.session
      } catch (error) {
        countRefusedSignIn(error, reply)
        throw error
      }
    },
  )

  api.get(
    '/auth/mfa',
    {
      schema: {
        tags: ['auth'],
        summary: 'My two-step sign-in (TOTP): on or off, recovery codes left, whether my organization requires it',
        response: { 200: MfaStatusSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => getMfaStatus(db, viewerOf(request)),
  )

  api.post(
    '/auth/mfa/setup',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Start setting up an authenticator app: a new secret, its otpauth:// URI and a QR code; nothing is on until confirmed with a code',
        response: { 200: MfaSetupSchema, ...errorResponses(409) },
      },
      preValidation: requireViewer,
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => startMfaSetup(db, secrets, viewerOf(request), clock.now()),
  )

  api.post(
    '/auth/mfa/confirm',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Turn two-step sign-in on with a first code of the app; answers ten recovery codes, shown only this once',
        body: MfaCodeBodySchema,
        response: { 200: MfaRecoveryCodesSchema, ...errorResponses(409, 429) },
      },
      preValidation: requireViewer,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' }, allowDuringMfaEnrollment: true },
    },
    async (request) => confirmMfaSetup(db, secrets, viewerOf(request), request.body.code, clock.now()),
  )

  api.post(
    '/auth/mfa/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-step sign-in off; takes a current code, a recovery code or the password',
        body: MfaDisableBodySchema,
        response: { 204: NoContentSchema, ...errorResponses(429) },
      },
      preValidation: requireViewer,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await disableMfa(db, secrets, viewerOf(request), request.body, clock.now())
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/organization/mfa-policy',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether admins and program managers must use two-step sign-in with a password (admin)',
        response: { 200: MfaPolicySchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => getMfaPolicy(db, viewerOf(request)),
  )

  api.put(
    '/organization/mfa-policy',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Require (or stop requiring) two-step sign-in of admins and program managers signing in with a password; single sign-on is not asked (admin)',
        body: MfaPolicyBodySchema,
        response: { 200: MfaPolicySchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => updateMfaPolicy(db, viewerOf(request), request.body),
  )

  api.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person and the CSRF token for writes',
        response: { 200: SessionSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => getSession(db, viewerOf(request)),
  )

  api.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the current session and clears the cookie',
        response: { 204: NoContentSchema, ...errorResponses() },
      },
      config: { allowDuringMfaEnrollment: true },
    },
    async (request, reply) => {
      await signOut(db, request.viewer, request.cookies[SESSION_COOKIE], clock.now())
      clearSessionCookie(reply, config)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'My sessions: where I am signed in',
        response: { 200: AuthSessionListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => listMySessions(db, viewerOf(request), clock.now()),
  )

  api.delete(
    '/auth/sessions/:sessionId',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign one of my sessions out',
        params: AuthSessionParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      const { wasCurrent } = await revokeMySession(db, viewerOf(request), request.params.sessionId, clock.now())
      if (wasCurrent) clearSessionCookie(reply, config)
      return reply.code(204).send(null)
    },
  )

  api.delete(
    '/people/:personId/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign a person out everywhere (admin)',
        params: PersonSessionsParamsSchema,
        response: { 200: RevokedSessionsSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => ({
      revoked: await revokeSessionsOfPersonAsAdmin(db, viewerOf(request), request.params.personId, clock.now()),
    }),
  )

  api.post(
    '/people/:personId/sign-in-reset',
    {
      schema: {
        tags: ['auth'],
        summary:
          "Reset a person's sign-in (admin, never oneself): signs them out everywhere, ends their password and reset links, sends a new set-password link; audited, and the person is told at their next sign-in",
        params: PersonSessionsParamsSchema,
        response: { 200: SignInResetSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => resetSignInAsAdmin(db, mailer, config, viewerOf(request), request.params.personId, clock.now()),
  )

  api.post(
    '/auth/sign-in-notice/dismiss',
    {
      schema: {
        tags: ['auth'],
        summary: 'Dismiss the notice shown after sign-in (an admin reset my sign-in): it is not shown again',
        response: { 204: NoContentSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      await dismissSignInNotice(db, viewerOf(request))
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite a person by email, or invite again a person who has not accepted yet (admin)',
        body: InvitationBodySchema,
        response: {
          201: InvitationSchema,
          ...errorResponses(409, 429, 502),
        },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      try {
        const invitation = await invitePerson(db, mailer, config, viewerOf(request), request.body, clock.now())
        return reply.code(201).send(invitation)
      } catch (error) {
        if (error instanceof InvitationRecentlySentError) reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
    },
  )

  api.get(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations sent and not accepted yet, newest first, with when they were sent and expire (admin)',
        querystring: PendingInvitationListQuerySchema,
        response: { 200: PendingInvitationListSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => listInvitations(db, viewerOf(request), request.query, clock.now()),
  )

  api.get(
    '/invitations/bulk/counts',
    {
      schema: {
        tags: ['invitations'],
        summary:
          'How many of the people the directory filters select are not invited, invited, active or deactivated: what each bulk invitation action would reach (admin)',
        querystring: InvitationSelectionSchema,
        response: { 200: InvitationSelectionCountsSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => countInvitationSelection(db, viewerOf(request), request.query, clock.now()),
  )

  api.post(
    '/invitations/bulk',
    {
      schema: {
        tags: ['invitations'],
        summary:
          'Invite, invite again or cancel the invitations of the selected people, one batch in name order per call (continue with nextCursor); one email job per invitation (admin)',
        body: BulkInvitationBodySchema,
        response: { 200: BulkInvitationResultSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => runBulkInvitations(db, mailer, config, viewerOf(request), request.body, clock.now()),
  )

  api.delete(
    '/people/:personId/invitation',
    {
      schema: {
        tags: ['invitations'],
        summary:
          'Cancel a pending invitation: its links stop working; a person who is nothing but the invitation is removed (admin)',
        params: InvitationPersonParamsSchema,
        response: { 200: CancelledInvitationSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => cancelInvitation(db, viewerOf(request), request.params.personId),
  )

  api.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Who an invitation link invites, and to which organization',
        params: InvitationTokenParamsSchema,
        response: { 200: InvitationPreviewSchema, ...publicErrorResponses(410) },
      },
    },
    async (request) => getInvitation(db, request.params.token, clock.now()),
  )

  api.post(
    '/invitations/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: choose a password and sign in (the link works once)',
        body: AcceptInvitationBodySchema,
        response: { 200: SessionSchema, ...publicErrorResponses(410) },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      const started = await acceptInvitation(db, config, request.body, requestMeta(request), clock.now())
      setSessionCookie(reply, config, started.token)
      return started.session
    },
  )

  api.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a password reset link; the answer never says whether the account exists',
        body: PasswordResetRequestBodySchema,
        response: { 202: PasswordResetRequestedSchema, ...publicErrorResponses() },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      await queuePasswordReset(jobs, request.body.email, request.ip)
      return reply.code(202).send({
        message:
          'If an account uses this address, we have sent it a link to reset the password. It works for one hour.',
      })
    },
  )

  api.post(
    '/auth/password-reset/complete',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password from a reset link (the link works once; every session is signed out)',
        body: PasswordResetCompleteBodySchema,
        response: { 200: PasswordResetCompletedSchema, ...publicErrorResponses(410) },
      },
      config: { csrf: false },
    },
    async (request) => {
      await completePasswordReset(db, request.body, request.ip, clock.now())
      return { message: 'Your password has been changed. Sign in with the new password.' }
    },
  )
}
