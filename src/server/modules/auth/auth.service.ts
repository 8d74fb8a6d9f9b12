import { createHash } from 'node:crypto'
import type { AuthSessionList, MfaChallenge, Session, SignInBody, SignInNotice } from '#contracts/auth.ts'
import { HOUR, MINUTE } from '#contracts/durations.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hashToken, newToken, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { assertPasswordSignInAllowed } from '#server/modules/sso/sso-policy.service.ts'
import {
  activatePeopleWithPassword,
  deleteSignInAttemptsBefore,
  dismissSignInNotice as dismissPendingSignInNotice,
  findEmailLockoutAnchor,
  findIpLockoutAnchor,
  findPerson,
  findPersonByEmail,
  findSignInNotice,
  findViewerProfile,
  insertSession,
  insertSignInAttempt,
  listLiveSessionsOfPerson,
  revokeSessionsOfPerson as revokeAllSessionsOfPerson,
  revokeSessionById,
} from './auth.repository.ts'
import {
  deleteExpiredPendingSignIns,
  findOrganizationMfaPolicy,
  findSessionMfaEnrollmentRequired,
  findTotp,
  insertPendingSignIn,
} from './mfa.repository.ts'
import { hashPassword, verifyPassword } from './passwords.ts'

/** The account lookups other sign-in modules (single sign-on) share with password sign-in. */
export { findPerson as findPersonInOrganization, findPersonByEmail } from './auth.repository.ts'

/** Where a request comes from; `previousToken` is a session cookie the browser already holds. */
export interface RequestMeta {
  ip: string
  userAgent: string
  previousToken?: string
}

/** A new session: the token goes into the cookie, the session body to the client. */
export interface StartedSession {
  token: string
  session: Session
}

/**
 * Failures allowed from one address, as a multiple of the per-email limit: an office behind one NAT
 * address shares it, so it must not be locked out by a handful of colleagues mistyping.
 */
export const IP_LIMIT_FACTOR = 5

const INVALID_CREDENTIALS = 'The email or password is incorrect'

/** Sign-in refused while too many attempts failed recently; carries when to try again. */
export class SignInLockedError extends AppError {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60)
    super(
      'rate_limited',
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
    )
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** The public handle of a session: a hash of its id, so neither the token nor its hash ever leaves the server. */
export function publicSessionId(sessionId: string): string {
  return createHash('sha256').update(`public-session:${sessionId}`).digest('hex').slice(0, 32)
}

/** Opens a session for a person (revoking the one the browser held, so a sign-in always rotates it). */
export async function startSession(
  db: Db,
  config: Config,
  person: { id: string; organization_id: string },
  meta: RequestMeta,
  now: Date,
  options: { isMfaEnrollmentRequired?: boolean } = {},
): Promise<StartedSession> {
  if (meta.previousToken) await revokeSessionById(db, hashToken(meta.previousToken), now)
  const token = newToken()
  const csrfToken = newToken()
  await insertSession(
    db,
    {
      id: hashToken(token),
      organizationId: person.organization_id,
      personId: person.id,
      csrfToken,
      userAgent: meta.userAgent.slice(0, 512),
      ip: meta.ip,
      expiresAt: new Date(now.getTime() + config.sessionTtlHours * HOUR),
      isMfaEnrollmentRequired: options.isMfaEnrollmentRequired ?? false,
    },
    now,
  )
  return {
    token,
    session: await sessionFor(
      db,
      person.organization_id,
      person.id,
      csrfToken,
      options.isMfaEnrollmentRequired ?? false,
    ),
  }
}

async function sessionFor(
  db: Db,
  organizationId: string,
  personId: string,
  csrfToken: string,
  isMfaEnrollmentRequired: boolean,
): Promise<Session> {
  const profile = await findViewerProfile(db, organizationId, personId)
  if (!profile) throw new AppError('unauthenticated', 'Sign in to continue')
  return {
    viewer: {
      id: profile.id,
      name: profile.name,
      email: profile.email,
      role: profile.role,
      organizationId: profile.organization_id,
      organizationName: profile.organization_name,
      timeZone: profile.time_zone,
      locale: profile.locale,
    },
    csrfToken,
    signInNotice: await signInNoticeOf(db, organizationId, personId),
    isMfaEnrollmentRequired,
  }
}

async function signInNoticeOf(db: Db, organizationId: string, personId: string): Promise<SignInNotice | null> {
  const row = await findSignInNotice(db, organizationId, personId)
  if (!row?.sign_in_reset_at) return null
  return {
    kind: 'sign_in_reset_by_admin',
    resetByName: row.reset_by_name ?? 'an administrator',
    resetAt: row.sign_in_reset_at.toISOString(),
    timeZone: row.time_zone,
  }
}

/** The person has read the notice that an admin reset their sign-in: it is not shown again. */
export async function dismissSignInNotice(db: Db, viewer: Viewer): Promise<void> {
  await dismissPendingSignInNotice(db, viewer.organizationId, viewer.personId)
}

/** The signed-in person and the CSRF token their writes must carry. */
export async function getSession(db: Db, viewer: Viewer): Promise<Session> {
  const isMfaEnrollmentRequired =
    viewer.isMfaEnrollmentRequired ?? (await isSessionMfaEnrollmentRequired(db, viewer.sessionId))
  return sessionFor(db, viewer.organizationId, viewer.personId, viewer.csrfToken, isMfaEnrollmentRequired)
}

async function ensureNotLocked(db: Db, config: Config, email: string, ip: string, now: Date): Promise<void> {
  const windowMs = config.signInWindowMinutes * MINUTE
  const windowStart = new Date(now.getTime() - windowMs)
  const anchors = [
    await findEmailLockoutAnchor(db, email, windowStart, config.signInMaxAttempts),
    await findIpLockoutAnchor(db, ip, windowStart, config.signInMaxAttempts * IP_LIMIT_FACTOR),
  ].filter((anchor): anchor is Date => anchor !== undefined)
  if (anchors.length === 0) return
  // Locked until the failure that reached the limit leaves the window (a failure recorded by a concurrent
  // request that read the clock after this one can lie after `now`: the wait is capped at the window).
  const until = Math.max(...anchors.map((anchor) => anchor.getTime() + windowMs))
  const waitMs = Math.min(until - now.getTime(), windowMs)
  throw new SignInLockedError(Math.max(1, Math.ceil(waitMs / 1000)))
}

/**
 * Email and password sign-in. Unknown email and wrong password answer alike (same message, same
 * argon2 work); a deactivated account is named only to someone who gave its correct password.
 * Failures are counted in the database, per email and per address, so the limit holds across instances.
 */
export async function signIn(
  db: Db,
  config: Config,
  body: SignInBody,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession | { challenge: MfaChallenge }> {
  const email = body.email.toLowerCase()
  try {
    await ensureNotLocked(db, config, email, meta.ip, now)
  } catch (error) {
    await auditFailedSignIn(db, await findPersonByEmail(db, email), meta.ip, 'locked_out')
    throw error
  }
  const person = await findPersonByEmail(db, email)
  const isPasswordRight = await verifyPassword(person?.password_hash ?? null, body.password)
  if (!person || !isPasswordRight || person.status === 'invited') {
    await insertSignInAttempt(db, { email, ip: meta.ip, succeeded: false }, now)
    await auditFailedSignIn(
      db,
      person,
      meta.ip,
      !person ? 'unknown_email' : isPasswordRight ? 'not_activated' : 'wrong_password',
    )
    throw new AppError('invalid_credentials', INVALID_CREDENTIALS)
  }
  if (person.status === 'deactivated') {
    await insertSignInAttempt(db, { email, ip: meta.ip, succeeded: false }, now)
    await auditFailedSignIn(db, person, meta.ip, 'deactivated')
    throw new AppError(
      'account_deactivated',
      'This account has been deactivated. Ask an administrator of your organization if you need access again.',
    )
  }
  try {
    await assertPasswordSignInAllowed(db, person.organization_id, person.id)
  } catch (error) {
    // The password was right: not counted against the sign-in limit, but audited.
    await auditFailedSignIn(db, person, meta.ip, 'sso_required')
    throw error
  }
  // An account with TOTP: the right password opens a pending sign-in, not a session (decision 040).
  if (await hasActiveTotp(db, person.id)) {
    return { challenge: await startPendingSignIn(db, person, meta, now) }
  }
  const isMfaEnrollmentRequired = await isMfaRequiredOf(db, person)
  return completeSignIn(db, config, person, email, meta, now, { isMfaEnrollmentRequired })
}

/** The last step of a sign-in (after the password, and the code when TOTP is on): counted, a session, audited. */
export async function completeSignIn(
  db: Db,
  config: Config,
  person: { id: string; organization_id: string },
  email: string,
  meta: RequestMeta,
  now: Date,
  options: { isMfaEnrollmentRequired?: boolean; details?: Record<string, string> } = {},
): Promise<StartedSession> {
  await insertSignInAttempt(db, { email: email.toLowerCase(), ip: meta.ip, succeeded: true }, now)
  await deleteSignInAttemptsBefore(db, new Date(now.getTime() - config.signInWindowMinutes * MINUTE))
  const started = await startSession(db, config, person, meta, now, {
    isMfaEnrollmentRequired: options.isMfaEnrollmentRequired ?? false,
  })
  await recordAuditEvent(db, {
    organizationId: person.organization_id,
    actorId: person.id,
    address: meta.ip,
    action: 'auth.signed_in',
    targetType: 'person',
    targetId: person.id,
    ...(options.details ? { details: options.details } : {}),
  })
  return started
}

/** How long a right password waits for its code. */
export const PENDING_SIGN_IN_MINUTES = 5

async function hasActiveTotp(db: Db, personId: string): Promise<boolean> {
  return Boolean((await findTotp(db, personId))?.confirmed_at)
}

/** The organization requires TOTP of admins and program managers (a password sign-in; single sign-on is not asked). */
export async function isMfaRequiredOf(db: Db, person: { organization_id: string; role: string }): Promise<boolean> {
  if (person.role !== 'admin' && person.role !== 'program_manager') return false
  return (await findOrganizationMfaPolicy(db, person.organization_id))?.is_mfa_required_for_staff ?? false
}

function isSessionMfaEnrollmentRequired(db: Db, sessionId: string): Promise<boolean> {
  return findSessionMfaEnrollmentRequired(db, sessionId)
}

async function startPendingSignIn(
  db: Db,
  person: { id: string; organization_id: string },
  meta: RequestMeta,
  now: Date,
): Promise<MfaChallenge> {
  await deleteExpiredPendingSignIns(db, now)
  const token = newToken()
  const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * MINUTE)
  await insertPendingSignIn(db, {
    id: hashToken(token),
    organizationId: person.organization_id,
    personId: person.id,
    userAgent: meta.userAgent.slice(0, 512),
    ip: meta.ip,
    expiresAt,
  })
  return { mfaRequired: true, pendingToken: token, expiresAt: expiresAt.toISOString() }
}

/** Refuses (with the time to wait) while too many sign-in attempts for this email or address failed. */
export function assertSignInNotLocked(db: Db, config: Config, email: string, ip: string, now: Date): Promise<void> {
  return ensureNotLocked(db, config, email.toLowerCase(), ip, now)
}

/** A wrong second factor counts against the same sign-in limit as a wrong password. */
export function recordFailedAuthentication(db: Db, email: string, ip: string, now: Date): Promise<unknown> {
  return insertSignInAttempt(db, { email: email.toLowerCase(), ip, succeeded: false }, now)
}

/**
 * A refused sign-in: in the organization of the person whose email was typed, with that person as
 * target; an unknown email is an event of the instance with no target. Neither the password nor the
 * typed email is kept (people type passwords into the email field).
 */
export async function auditFailedSignIn(
  db: Db,
  person: { id: string; organization_id: string } | undefined,
  address: string,
  reason:
    | 'unknown_email'
    | 'wrong_password'
    | 'not_activated'
    | 'deactivated'
    | 'locked_out'
    | 'sso_required'
    | 'wrong_mfa_code'
    | 'mfa_code_replayed'
    | 'mfa_pending_expired',
): Promise<void> {
  await recordAuditEvent(db, {
    organizationId: person?.organization_id ?? null,
    actorId: null,
    address,
    action: 'auth.sign_in_failed',
    targetType: 'person',
    targetId: person?.id ?? null,
    details: { reason },
    outcome: 'failed',
  })
}

/** Counts as a successful authentication for the sign-in limit (e.g. a completed password reset). */
export function recordSuccessfulAuthentication(db: Db, email: string, ip: string, now: Date): Promise<unknown> {
  return insertSignInAttempt(db, { email: email.toLowerCase(), ip, succeeded: true }, now)
}

/** Ends the session the request came with. */
export async function signOut(db: Db, viewer: Viewer | null, token: string | undefined, now: Date): Promise<void> {
  if (viewer) {
    await revokeSessionById(db, viewer.sessionId, now)
    await auditSignOut(db, viewer, true)
  } else if (token) await revokeSessionById(db, hashToken(token), now)
}

function auditSignOut(db: Db, viewer: Viewer, isCurrentSession: boolean) {
  return recordAuditEvent(db, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action: 'auth.signed_out',
    targetType: 'person',
    targetId: viewer.personId,
    details: { isCurrentSession },
  })
}

/** My signed-in browsers, the current one flagged. */
export async function listMySessions(db: Db, viewer: Viewer, now: Date): Promise<AuthSessionList> {
  const rows = await listLiveSessionsOfPerson(db, viewer.organizationId, viewer.personId, now)
  return {
    sessions: rows.map((row) => ({
      id: publicSessionId(row.id),
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      userAgent: row.user_agent,
      ip: row.ip,
      isCurrent: row.id === viewer.sessionId,
    })),
  }
}

/** Signs one of my own sessions out; answers whether it was the current one. */
export async function revokeMySession(
  db: Db,
  viewer: Viewer,
  publicId: string,
  now: Date,
): Promise<{ wasCurrent: boolean }> {
  const rows = await listLiveSessionsOfPerson(db, viewer.organizationId, viewer.personId, now)
  const session = rows.find((row) => publicSessionId(row.id) === publicId)
  if (!session) throw notFound('Session')
  await revokeSessionById(db, session.id, now)
  await auditSignOut(db, viewer, session.id === viewer.sessionId)
  return { wasCurrent: session.id === viewer.sessionId }
}

/** Signs a person out everywhere (deactivation, password reset); answers how many sessions ended. */
export function revokeSessionsOfPerson(db: Db, personId: string, now: Date): Promise<number> {
  return revokeAllSessionsOfPerson(db, personId, now)
}

/** An admin signs a person of their organization out everywhere. */
export async function revokeSessionsOfPersonAsAdmin(
  db: Db,
  viewer: Viewer,
  personId: string,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const person = await findPerson(trx, viewer.organizationId, personId)
    if (!person) throw notFound('Person')
    const revoked = await revokeAllSessionsOfPerson(trx, person.id, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'sessions.revoked',
      targetType: 'person',
      targetId: person.id,
      details: { revoked },
    })
    return revoked
  })
}

/** Gives several people of one organization the same password and activates them (the demo organization). */
export async function activateAccountsWithPassword(
  db: Db,
  organizationId: string,
  personIds: string[],
  password: string,
  now: Date,
): Promise<number> {
  const rows = await activatePeopleWithPassword(db, organizationId, personIds, await hashPassword(password), now)
  return rows.length
}
