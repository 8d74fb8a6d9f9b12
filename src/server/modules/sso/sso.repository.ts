import type { Db } from '#server/db/connect.ts'

export function findOidcSettings(db: Db, organizationId: string) {
  return db.selectFrom('oidc_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst()
}

export function upsertOidcSettings(
  db: Db,
  values: {
    organizationId: string
    isEnabled: boolean
    displayName: string
    issuerUrl: string
    clientId: string
    clientSecret: string
    allowedDomains: string[]
    isJitEnabled: boolean
    isSsoRequired: boolean
    breakGlassPersonId: string | null
    updatedBy: string
    protocol: 'oidc' | 'saml'
    samlIdpSsoUrl: string
    samlIdpEntityId: string
    samlIdpCertificates: string
  },
  now: Date,
) {
  const row = {
    protocol: values.protocol,
    saml_idp_sso_url: values.samlIdpSsoUrl,
    saml_idp_entity_id: values.samlIdpEntityId,
    saml_idp_certificates: values.samlIdpCertificates,
    is_enabled: values.isEnabled,
    display_name: values.displayName,
    issuer_url: values.issuerUrl,
    client_id: values.clientId,
    client_secret: values.clientSecret,
    allowed_domains: values.allowedDomains,
    is_jit_enabled: values.isJitEnabled,
    is_sso_required: values.isSsoRequired,
    break_glass_person_id: values.breakGlassPersonId,
    updated_at: now,
    updated_by: values.updatedBy,
  }
  return db
    .insertInto('oidc_settings')
    .values({ organization_id: values.organizationId, ...row })
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(row))
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Every organization whose single sign-on is on, for the public sign-in page (names only). */
export function listEnabledSignOns(db: Db) {
  return db
    .selectFrom('oidc_settings as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select(['o.slug', 's.display_name', 's.is_sso_required', 's.protocol'])
    .where('s.is_enabled', '=', true)
    .orderBy('o.name')
    .execute()
}

export function findOrganizationIdBySlug(db: Db, slug: string) {
  return db.selectFrom('organizations').select(['id']).where('slug', '=', slug).executeTakeFirst()
}

/** An admin of the organization (the break-glass admin must be one). */
export function findActiveAdmin(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirst()
}

// Sign-ins in flight. A state arrives before anyone is known: looked up by its hash, unique instance-wide.

export function insertLoginState(
  db: Db,
  values: { id: string; organizationId: string; codeVerifier: string; nonce: string; expiresAt: Date },
  now: Date,
) {
  return db
    .insertInto('oidc_login_states')
    .values({
      id: values.id,
      organization_id: values.organizationId,
      code_verifier: values.codeVerifier,
      nonce: values.nonce,
      expires_at: values.expiresAt,
      created_at: now,
    })
    .execute()
}

/** Takes a sign-in in flight out of the table (it is used once); undefined when unknown or expired. */
export async function takeLoginState(db: Db, id: string, now: Date) {
  const row = await db.deleteFrom('oidc_login_states').where('id', '=', id).returningAll().executeTakeFirst()
  return row && row.expires_at.getTime() > now.getTime() ? row : undefined
}

export function deleteLoginStatesBefore(db: Db, before: Date) {
  return db.deleteFrom('oidc_login_states').where('expires_at', '<', before).execute()
}

// SAML: AuthnRequests in flight (by ID, kept until they expire, marked used) and assertions seen.

export function insertSamlRequest(
  db: Db,
  values: { id: string; organizationId: string; browserHash: string; expiresAt: Date },
  now: Date,
) {
  return db
    .insertInto('saml_requests')
    .values({
      id: values.id,
      organization_id: values.organizationId,
      browser_hash: values.browserHash,
      expires_at: values.expiresAt,
      created_at: now,
    })
    .execute()
}

/** An AuthnRequest not expired yet (used or not); undefined when unknown or expired. */
export async function findSamlRequest(db: Db, id: string, now: Date) {
  const row = await db.selectFrom('saml_requests').selectAll().where('id', '=', id).executeTakeFirst()
  return row && row.expires_at.getTime() > now.getTime() ? row : undefined
}

/** Marks the request answered for this person; false when another answer already used it (the row is locked). */
export async function markSamlRequestUsed(db: Db, id: string, personId: string, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('saml_requests')
    .set({ used_at: now, person_id: personId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning(['id'])
    .execute()
  return rows.length === 1
}

/**
 * Takes an answered request for the browser that started it (once); undefined when unknown,
 * unanswered, expired, finished, or when this browser's secret is not the starting one's.
 */
export async function finishSamlRequest(db: Db, id: string, browserHash: string, now: Date) {
  const row = await db
    .updateTable('saml_requests')
    .set({ finished_at: now })
    .where('id', '=', id)
    .where('browser_hash', '=', browserHash)
    .where('used_at', 'is not', null)
    .where('finished_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'organization_id', 'person_id'])
    .executeTakeFirst()
  return row?.person_id ? { ...row, person_id: row.person_id } : undefined
}

/** Remembers an assertion until it expires; false when it was already seen (a replay). */
export async function recordSamlAssertion(
  db: Db,
  values: { organizationId: string; issuer: string; assertionId: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insertInto('saml_assertions')
    .values({
      organization_id: values.organizationId,
      issuer: values.issuer,
      assertion_id: values.assertionId,
      expires_at: values.expiresAt,
      created_at: now,
    })
    .onConflict((conflict) => conflict.columns(['issuer', 'assertion_id']).doNothing())
    .returning(['assertion_id'])
    .execute()
  return rows.length === 1
}

export async function deleteExpiredSamlRows(db: Db, before: Date) {
  await db.deleteFrom('saml_requests').where('expires_at', '<', before).execute()
  await db.deleteFrom('saml_assertions').where('expires_at', '<', before).execute()
}

// People and their provider accounts

export function findIdentity(db: Db, organizationId: string, issuer: string, subject: string) {
  return db
    .selectFrom('oidc_identities')
    .select(['person_id'])
    .where('organization_id', '=', organizationId)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst()
}

export function findIdentityOfPerson(db: Db, organizationId: string, personId: string, issuer: string) {
  return db
    .selectFrom('oidc_identities')
    .select(['subject'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('issuer', '=', issuer)
    .executeTakeFirst()
}

export function deleteIdentitiesOfPerson(db: Db, organizationId: string, personId: string) {
  return db
    .deleteFrom('oidc_identities')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
}

export function insertIdentity(
  db: Db,
  values: { organizationId: string; personId: string; issuer: string; subject: string },
  now: Date,
) {
  return db
    .insertInto('oidc_identities')
    .values({
      organization_id: values.organizationId,
      person_id: values.personId,
      issuer: values.issuer,
      subject: values.subject,
      created_at: now,
      last_signed_in_at: now,
    })
    .execute()
}

export function touchIdentity(db: Db, organizationId: string, issuer: string, subject: string, now: Date) {
  return db
    .updateTable('oidc_identities')
    .set({ last_signed_in_at: now })
    .where('organization_id', '=', organizationId)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .execute()
}

/** An invited person signing in with their provider for the first time becomes active (no password). */
export function activateInvitedPerson(db: Db, organizationId: string, personId: string, now: Date) {
  return db
    .updateTable('people')
    .set({ status: 'active', updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '=', 'invited')
    .execute()
}

export function insertParticipant(db: Db, values: { organizationId: string; email: string; name: string }) {
  return db
    .insertInto('people')
    .values({
      organization_id: values.organizationId,
      email: values.email,
      name: values.name,
      role: 'participant',
      status: 'active',
      password_hash: null,
    })
    .returning(['id', 'organization_id', 'email', 'role', 'status'])
    .executeTakeFirstOrThrow()
}

/** The stored client secrets not sealed under the key `keyId` (in the clear, or under a previous key). */
export function listClientSecretsToSeal(db: Db, keyId: string) {
  return db
    .selectFrom('oidc_settings')
    .select(['organization_id', 'client_secret'])
    .where('client_secret', '<>', '')
    .where('client_secret', 'not like', `tsk1.${keyId}.%`)
    .execute()
}

/** Replaces a stored client secret by the same secret sealed again, unless it changed meanwhile. */
export async function resealClientSecret(db: Db, organizationId: string, stored: string, sealed: string) {
  await db
    .updateTable('oidc_settings')
    .set({ client_secret: sealed })
    .where('organization_id', '=', organizationId)
    .where('client_secret', '=', stored)
    .execute()
}
