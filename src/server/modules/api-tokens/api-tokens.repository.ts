import type { Db } from '#server/db/connect.ts'
import type { ApiTokenRow } from '#server/db/schema.ts'

export type ApiTokenListRow = ApiTokenRow & { created_by_name: string | null }

/** The organization's tokens with their creator's current name. */
function selectTokens(db: Db, organizationId: string) {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('people as p', 'p.id', 't.created_by')
    .selectAll('t')
    .select('p.name as created_by_name')
    .where('t.organization_id', '=', organizationId)
}

/** The organization's tokens, newest first. */
export function listApiTokens(db: Db, organizationId: string): Promise<ApiTokenListRow[]> {
  return selectTokens(db, organizationId).orderBy('t.created_at', 'desc').orderBy('t.id').execute()
}

export function findApiToken(db: Db, organizationId: string, tokenId: string): Promise<ApiTokenListRow | undefined> {
  return selectTokens(db, organizationId).where('t.id', '=', tokenId).executeTakeFirst()
}

/** The live token with this hash: not revoked, not expired at `now`. */
export function findLiveApiTokenByHash(db: Db, tokenHash: string, now: Date): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst()
}

export interface NewApiTokenValues {
  organizationId: string
  name: string
  scopes: string[]
  tokenHash: string
  tokenPrefix: string
  createdBy: string
  createdAt: Date
  expiresAt: Date | null
}

export async function insertApiToken(db: Db, values: NewApiTokenValues): Promise<string> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      organization_id: values.organizationId,
      name: values.name,
      scopes: values.scopes,
      token_hash: values.tokenHash,
      token_prefix: values.tokenPrefix,
      created_by: values.createdBy,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Revokes a live token; false when it was revoked already (or is not the organization's). */
export async function updateApiTokenRevoked(
  db: Db,
  organizationId: string,
  tokenId: string,
  revokedBy: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: revokedBy })
    .where('organization_id', '=', organizationId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Stamps the last use, unless it was stamped in the minute before `now` (one write a minute at most, whatever the load). */
export async function updateApiTokenLastUsed(db: Db, tokenId: string, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000)
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', minuteAgo)]))
    .execute()
}
