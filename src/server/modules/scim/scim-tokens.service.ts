import { type CreatedScimToken, SCIM_BASE_PATH, type ScimSettings } from '#contracts/scim.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { hashToken, newToken, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  findLiveScimToken,
  findLiveScimTokenByHash,
  insertScimToken,
  revokeLiveScimTokens,
  updateScimTokenLastUsed,
} from './scim.repository.ts'

/** The prefix of every SCIM token, so a leaked one is recognisable (secret scanners, logs). */
const TOKEN_PREFIX = 'tandem_scim_'

/** The organization's SCIM client: the identity provider, acting for no person. */
export interface ScimClient {
  organizationId: string
  tokenId: string
  /** The request's client address, recorded in the audit log. */
  address: string
}

export function scimBaseUrl(config: Config): string {
  return `${config.publicUrl}${SCIM_BASE_PATH}`
}

async function loadSettings(db: Db, config: Config, organizationId: string): Promise<ScimSettings> {
  const token = await findLiveScimToken(db, organizationId)
  return {
    baseUrl: scimBaseUrl(config),
    token: token
      ? {
          createdAt: token.created_at.toISOString(),
          createdByName: token.created_by_name && !token.created_by_erased_at ? token.created_by_name : null,
          lastUsedAt: token.last_used_at?.toISOString() ?? null,
        }
      : null,
  }
}

/** The SCIM base URL and whether a token is live, with its last use (admin). */
export function getScimSettings(db: Db, config: Config, viewer: Viewer): Promise<ScimSettings> {
  return loadSettings(db, config, viewer.organizationId)
}

/** A new SCIM token, shown in this answer only; a live one it replaces stops working at once (admin). */
export async function createScimToken(db: Db, config: Config, viewer: Viewer, now: Date): Promise<CreatedScimToken> {
  const secret = `${TOKEN_PREFIX}${newToken()}`
  return inTransaction(db, async (trx) => {
    const replaced = await revokeLiveScimTokens(trx, viewer.organizationId, now)
    const { id } = await insertScimToken(
      trx,
      { organizationId: viewer.organizationId, tokenHash: hashToken(secret), createdBy: viewer.personId },
      now,
    )
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'scim_token.created',
      targetType: 'scim_token',
      targetId: id,
      details: { isRotation: replaced > 0 },
    })
    return { ...(await loadSettings(trx, config, viewer.organizationId)), secret, isRotation: replaced > 0 }
  })
}

/** Ends the organization's SCIM token: provisioning stops until a new one is created (admin). */
export async function revokeScimToken(db: Db, config: Config, viewer: Viewer, now: Date): Promise<ScimSettings> {
  return inTransaction(db, async (trx) => {
    const live = await findLiveScimToken(trx, viewer.organizationId)
    if (live) {
      await revokeLiveScimTokens(trx, viewer.organizationId, now)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'scim_token.revoked',
        targetType: 'scim_token',
        targetId: live.id,
        details: {},
      })
    }
    return loadSettings(trx, config, viewer.organizationId)
  })
}

/** The organization a live SCIM token belongs to, or null; its last use is kept to the minute. */
export async function authenticateScimToken(
  db: Db,
  token: string,
  address: string,
  now: Date,
): Promise<ScimClient | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
  const row = await findLiveScimTokenByHash(db, hashToken(token))
  if (!row) return null
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await updateScimTokenLastUsed(db, row.id, now)
  }
  return { organizationId: row.organization_id, tokenId: row.id, address }
}
