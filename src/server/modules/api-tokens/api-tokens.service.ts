import { randomBytes } from 'node:crypto'
import {
  API_TOKEN_PREFIX,
  API_TOKEN_SCOPES,
  type ApiToken,
  type ApiTokenList,
  type ApiTokenScope,
  type ApiTokenStatus,
  type CreateApiTokenBody,
  type CreatedApiToken,
} from '#contracts/api-tokens.ts'
import type { Db } from '#server/db/connect.ts'
import type { ApiTokenRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hashToken, type Viewer } from '#server/http/viewer.ts'
import { auditActorOf, recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  type ApiTokenListRow,
  findApiToken,
  findLiveApiTokenByHash,
  insertApiToken,
  listApiTokens,
  updateApiTokenLastUsed,
  updateApiTokenRevoked,
} from './api-tokens.repository.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** How much of the secret a list shows: the prefix and four characters, too few to guess the rest. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 4

function statusOf(row: ApiTokenRow, now: Date): ApiTokenStatus {
  if (row.revoked_at) return 'revoked'
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) return 'expired'
  return 'active'
}

const knownScopes = (scopes: readonly string[]): ApiTokenScope[] =>
  API_TOKEN_SCOPES.filter((scope) => scopes.includes(scope))

function toApiToken(row: ApiTokenListRow, now: Date): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: knownScopes(row.scopes),
    prefix: row.token_prefix,
    status: statusOf(row, now),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? 'Former member' } : null,
    expiresAt: toIso(row.expires_at),
    lastUsedAt: toIso(row.last_used_at),
    revokedAt: toIso(row.revoked_at),
  }
}

async function loadToken(db: Db, viewer: Viewer, tokenId: string): Promise<ApiTokenListRow> {
  const row = await findApiToken(db, viewer.organizationId, tokenId)
  if (!row) throw notFound('API token')
  return row
}

function recordTokenEvent(db: Db, viewer: Viewer, action: string, tokenId: string, details?: Record<string, unknown>) {
  return recordAuditEvent(db, {
    organizationId: viewer.organizationId,
    ...auditActorOf(viewer),
    action,
    targetType: 'api_token',
    targetId: tokenId,
    details,
  })
}

/** The organization's API tokens, newest first, revoked and expired ones included (admin). */
export async function listOrganizationApiTokens(db: Db, viewer: Viewer, now: Date): Promise<ApiTokenList> {
  const rows = await listApiTokens(db, viewer.organizationId)
  return { tokens: rows.map((row) => toApiToken(row, now)) }
}

/**
 * Creates a token of the organization (admin); the secret is in this answer only, as the database
 * keeps its SHA-256, like a session's (a random 256-bit secret needs no slow hash).
 */
export async function createApiToken(
  db: Db,
  viewer: Viewer,
  body: CreateApiTokenBody,
  now: Date,
): Promise<CreatedApiToken> {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const scopes = knownScopes(body.scopes)
  return inTransaction(db, async (trx) => {
    const id = await insertApiToken(trx, {
      organizationId: viewer.organizationId,
      name: body.name,
      scopes,
      tokenHash: hashToken(secret),
      tokenPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      createdBy: viewer.personId,
      createdAt: now,
      expiresAt: body.expiresInDays === null ? null : new Date(now.getTime() + body.expiresInDays * DAY_MS),
    })
    await recordTokenEvent(trx, viewer, 'api_token.created', id, { scopes, expiresInDays: body.expiresInDays })
    return { token: toApiToken(await loadToken(trx, viewer, id), now), secret }
  })
}

/** Revokes a token at once: its next request is a 401 on every instance (admin). */
export async function revokeApiToken(db: Db, viewer: Viewer, tokenId: string, now: Date): Promise<ApiToken> {
  return inTransaction(db, async (trx) => {
    await loadToken(trx, viewer, tokenId)
    if (!(await updateApiTokenRevoked(trx, viewer.organizationId, tokenId, viewer.personId, now))) {
      throw new AppError('conflict', 'This API token was revoked already')
    }
    await recordTokenEvent(trx, viewer, 'api_token.revoked', tokenId)
    return toApiToken(await loadToken(trx, viewer, tokenId), now)
  })
}

/**
 * The viewer of a request made with an API token's secret: the integration (no person), of the
 * token's organization, with its scopes; null when the token is unknown, expired or revoked. Looked
 * up on every request (one indexed read), so a revocation holds at once on every instance.
 */
export async function findIntegrationViewer(
  db: Db,
  secret: string,
  address: string,
  now: Date,
): Promise<Viewer | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null
  const row = await findLiveApiTokenByHash(db, hashToken(secret), now)
  if (!row) return null
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await updateApiTokenLastUsed(db, row.id, now)
  }
  return {
    personId: row.id,
    organizationId: row.organization_id,
    role: 'participant',
    name: row.name,
    email: '',
    sessionId: '',
    csrfToken: '',
    address,
    integration: { tokenId: row.id, name: row.name, scopes: knownScopes(row.scopes) },
  }
}
