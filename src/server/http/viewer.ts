import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiTokenScope } from '#contracts/api-tokens.ts'
import type { Clock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'
import type { SessionChangeFeed } from '#server/db/session-changes.ts'
import { AppError, notFound } from './app-error.ts'
import { createSessionCache, type SessionCache } from './session-cache.ts'
import { findSessionViewer, updateSessionLastSeen } from './viewer.repository.ts'

/** Resolves an `Authorization: Bearer` secret to an integration's viewer (modules/api-tokens), or null. */
export type BearerResolver = (secret: string, address: string, now: Date) => Promise<Viewer | null>

export const SESSION_COOKIE = 'tandem_session'
export const CSRF_HEADER = 'x-csrf-token'

/** Who is asking: resolved once per request from the session cookie. */
export interface Viewer {
  personId: string
  organizationId: string
  role: Role
  name: string
  email: string
  sessionId: string
  csrfToken: string
  /** The client address of the request (request.ip), recorded with every audit event; null for the system's own work. */
  address: string | null
  /** The organization requires TOTP of this person and they have not set it up: only enrolling is allowed (decision 040). */
  isMfaEnrollmentRequired?: boolean
  /**
   * Set when an organization API token is asking (decision 043): no person is. `personId` is then
   * the token's id (it matches no person), `name` the token's name, and `role` the least role the
   * route's scope needs, set per request once the route's `apiTokenScope` marker admits the token.
   */
  integration?: IntegrationIdentity
}

export interface IntegrationIdentity {
  tokenId: string
  name: string
  scopes: readonly ApiTokenScope[]
}

/** The role an integration holds on a route of each scope: the least the route's own guard asks. */
const roleOfScope: Record<ApiTokenScope, Role> = {
  'people:read': 'program_manager',
  'people:write': 'admin',
  'programs:read': 'program_manager',
  'insights:read': 'program_manager',
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null
  }
  interface FastifyContextConfig {
    /** Set false on routes that act without a session (sign-in, set-up, token links): no CSRF check. */
    csrf?: boolean
    /** Set true on the routes a session held at two-step sign-in set-up may use (decision 040). */
    allowDuringMfaEnrollment?: boolean
    /**
     * The API token scope that admits a Bearer request to this route (decision 043). A route
     * without it refuses every API token (403 api_token_not_allowed): the list is explicit.
     */
    apiTokenScope?: ApiTokenScope
  }
}

const roleRank: Record<Role, number> = { participant: 0, program_manager: 1, admin: 2 }

export function hasRole(viewer: Pick<Viewer, 'role'>, role: Role): boolean {
  return roleRank[viewer.role] >= roleRank[role]
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

async function findViewer(
  db: Db,
  sessions: SessionCache,
  token: string,
  address: string,
  now: Date,
): Promise<Viewer | null> {
  const tokenHash = hashToken(token)
  const row = await sessions.load(tokenHash, () => findSessionViewer(db, tokenHash, now))
  // A cached row may outlive its session's end by up to the cache's few seconds: checked here.
  if (!row || row.expires_at.getTime() <= now.getTime()) return null
  // Touch at most once a minute so reads do not turn into a write per request.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    row.last_seen_at = now
    await updateSessionLastSeen(db, row.session_id, now)
  }
  return {
    personId: row.id,
    organizationId: row.organization_id,
    role: row.role,
    name: row.name,
    email: row.email,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    address,
    isMfaEnrollmentRequired: row.is_mfa_enrollment_required,
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The secret of an `Authorization: Bearer <secret>` header; undefined without one (a cookie request). */
export function bearerSecretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^bearer(?:[ \t]+(.*))?$/i.exec(header.trim())
  return match ? (match[1] ?? '').trim() : undefined
}

function refuseBearer(reply: FastifyReply): never {
  reply.header('www-authenticate', 'Bearer error="invalid_token"')
  throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked')
}

/**
 * Resolves request.viewer from the session cookie, or from an organization API token
 * (`Authorization: Bearer`, decision 043), and enforces CSRF on cookie-authenticated writes.
 */
export function registerViewer(
  app: FastifyInstance,
  db: Db,
  clock: Clock,
  sessionChanges: SessionChangeFeed,
  resolveBearer: BearerResolver,
) {
  const sessions = createSessionCache(sessionChanges, clock)
  app.addHook('onReady', () => sessionChanges.start())
  app.addHook('onClose', () => sessionChanges.stop())
  app.decorateRequest('viewer', null)
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Only the API acts for a person: health checks, the web app's files and its pages never look
    // a session up (a browser sends the cookie with every one of them).
    if (!request.url.startsWith('/api/')) return
    // A Bearer request is the token's alone: a cookie beside it is ignored, and a bad token is a 401.
    const secret = bearerSecretOf(request)
    if (secret !== undefined) {
      request.viewer = secret ? await resolveBearer(secret, request.ip, clock.now()) : null
      if (!request.viewer) refuseBearer(reply)
      return
    }
    const token = request.cookies[SESSION_COOKIE]
    request.viewer = token ? await findViewer(db, sessions, token, request.ip, clock.now()) : null
  })
  // First of the preValidation hooks: an API token reaches only the routes marked with one of its
  // scopes, with the least role that scope needs; every other route refuses it (default deny).
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const integration = request.viewer?.integration
    if (!request.viewer || !integration) return
    const scope = request.routeOptions.config?.apiTokenScope
    if (!scope) throw new AppError('api_token_not_allowed', 'API tokens cannot use this route')
    if (!integration.scopes.includes(scope)) {
      throw new AppError('insufficient_scope', `This API token lacks the ${scope} scope this route needs`)
    }
    request.viewer = { ...request.viewer, role: roleOfScope[scope] }
  })
  // preValidation, like the role guards, so a forged or anonymous write is refused before its body is looked at.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // A Bearer request carries no cookie a browser could send on its own: no CSRF token to check.
    if (!request.viewer || request.viewer.integration || safeMethods.has(request.method)) return
    if (request.routeOptions.config?.csrf === false) return
    const header = request.headers[CSRF_HEADER]
    if (typeof header !== 'string' || !sameToken(header, request.viewer.csrfToken)) {
      throw new AppError('csrf_invalid', 'The request is missing a valid CSRF token; reload the page and try again')
    }
  })
  // A session held at two-step sign-in set-up (the organization requires it) reaches only the routes that set it up.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.viewer?.isMfaEnrollmentRequired) return
    if (request.routeOptions.config?.allowDuringMfaEnrollment) return
    throw new AppError(
      'mfa_enrollment_required',
      'Your organization requires two-step sign-in for your role: set it up to continue',
    )
  })
}

/** Route guard (declare it as `preValidation`, so it runs before the body is validated): a signed-in person. */
export async function requireViewer(request: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  if (!request.viewer) throw new AppError('unauthenticated', 'Sign in to continue')
}

/** A route guard that names the role it requires, so the route sweeps can check each route against it. */
export type RoleGuard = ((request: FastifyRequest) => Promise<void>) & { requiredRole: Role }

/** The role a route's `preValidation` guard requires, or null when it has no role guard. */
export function requiredRoleOf(preValidation: unknown): Role | null {
  const guards = Array.isArray(preValidation) ? preValidation : [preValidation]
  for (const guard of guards) {
    const role = (guard as Partial<RoleGuard> | undefined)?.requiredRole
    if (role) return role
  }
  return null
}

/** Route guard factory (as `preValidation`): the signed-in person holds at least `role` in their organization. */
export function requireRole(role: Role): RoleGuard {
  const guard = async (request: FastifyRequest): Promise<void> => {
    if (!request.viewer) throw new AppError('unauthenticated', 'Sign in to continue')
    if (!hasRole(request.viewer, role)) throw new AppError('forbidden', 'You do not have permission to do this')
  }
  return Object.assign(guard, { requiredRole: role })
}

/**
 * Route guard factory (as `preValidation`) for resources only managers see: anyone without `role`
 * gets the same 404 the service gives for a resource that does not exist, before the body is read.
 */
export function requireRoleOrNotFound(role: Role, what: string): RoleGuard {
  const guard = async (request: FastifyRequest): Promise<void> => {
    if (!request.viewer) throw new AppError('unauthenticated', 'Sign in to continue')
    if (!hasRole(request.viewer, role)) throw notFound(what)
  }
  return Object.assign(guard, { requiredRole: role })
}

/** The viewer of a route guarded by requireViewer/requireRole. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('unauthenticated', 'Sign in to continue')
  return request.viewer
}
