import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export function findTotp(db: Db, personId: string) {
  return db.selectFrom('person_totp').selectAll().where('person_id', '=', personId).executeTakeFirst()
}

/** Starts (or starts again) an enrollment: the secret waits for its first code before it counts. */
export async function upsertUnconfirmedTotp(
  db: Db,
  values: { personId: string; organizationId: string; secret: string },
  now: Date,
) {
  await db
    .insertInto('person_totp')
    .values({
      person_id: values.personId,
      organization_id: values.organizationId,
      secret: values.secret,
      confirmed_at: null,
      last_used_step: null,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({ secret: values.secret, confirmed_at: null, last_used_step: null }),
    )
    .execute()
}

/** Confirms the authenticator with its first code's step; answers false when it was already confirmed. */
export async function confirmTotp(db: Db, personId: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('person_totp')
    .set({ confirmed_at: now, last_used_step: step })
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is', null)
    .returning('person_id')
    .execute()
  return rows.length === 1
}

/**
 * Records the step of an accepted code, only if it is later than the last one accepted: a code (or an
 * earlier one) is never accepted twice, even by two requests racing. Answers whether it was recorded.
 */
export async function advanceTotpStep(db: Db, personId: string, step: number): Promise<boolean> {
  const rows = await db
    .updateTable('person_totp')
    .set({ last_used_step: step })
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step) as never)]))
    .returning('person_id')
    .execute()
  return rows.length === 1
}

export async function deleteTotp(db: Db, personId: string) {
  await db.deleteFrom('totp_recovery_codes').where('person_id', '=', personId).execute()
  await db.deleteFrom('person_totp').where('person_id', '=', personId).execute()
}

export async function replaceRecoveryCodes(db: Db, personId: string, codeHashes: string[]) {
  await db.deleteFrom('totp_recovery_codes').where('person_id', '=', personId).execute()
  await db
    .insertInto('totp_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ person_id: personId, code_hash })))
    .execute()
}

/** Uses a recovery code once: answers whether an unused one with this hash was there. */
export async function spendRecoveryCode(db: Db, personId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('totp_recovery_codes')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .execute()
  return rows.length > 0
}

export async function countUnusedRecoveryCodes(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('totp_recovery_codes')
    .select(sql<string>`count(*)`.as('count'))
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function insertPendingSignIn(
  db: Db,
  values: { id: string; organizationId: string; personId: string; userAgent: string; ip: string; expiresAt: Date },
) {
  await db
    .insertInto('pending_sign_ins')
    .values({
      id: values.id,
      organization_id: values.organizationId,
      person_id: values.personId,
      user_agent: values.userAgent,
      ip: values.ip,
      expires_at: values.expiresAt,
    })
    .execute()
}

/** The pending sign-in of a token, with its person (live only). */
export function findPendingSignIn(db: Db, id: string, now: Date) {
  return db
    .selectFrom('pending_sign_ins as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.failed_attempts', 'p.id as person_id', 'p.organization_id', 'p.email', 'p.role', 'p.status'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .executeTakeFirst()
}

export async function countPendingSignInFailure(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('pending_sign_ins')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_attempts')
    .executeTakeFirst()
  return row?.failed_attempts ?? 0
}

export async function deletePendingSignIn(db: Db, id: string) {
  await db.deleteFrom('pending_sign_ins').where('id', '=', id).execute()
}

export async function deletePendingSignInsOfPerson(db: Db, personId: string) {
  await db.deleteFrom('pending_sign_ins').where('person_id', '=', personId).execute()
}

export async function deleteExpiredPendingSignIns(db: Db, now: Date) {
  await db.deleteFrom('pending_sign_ins').where('expires_at', '<=', now).execute()
}

export function findOrganizationMfaPolicy(db: Db, organizationId: string) {
  return db
    .selectFrom('organizations')
    .select('is_mfa_required_for_staff')
    .where('id', '=', organizationId)
    .executeTakeFirst()
}

export async function updateOrganizationMfaPolicy(db: Db, organizationId: string, isRequired: boolean) {
  await db
    .updateTable('organizations')
    .set({ is_mfa_required_for_staff: isRequired })
    .where('id', '=', organizationId)
    .execute()
}

export async function findSessionMfaEnrollmentRequired(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('auth_sessions')
    .select('is_mfa_enrollment_required')
    .where('id', '=', sessionId)
    .executeTakeFirst()
  return row?.is_mfa_enrollment_required ?? false
}

/** Enrolled: none of the person's sessions is asked to enroll any more. */
export async function clearMfaEnrollmentRequired(db: Db, personId: string) {
  await db
    .updateTable('auth_sessions')
    .set({ is_mfa_enrollment_required: false })
    .where('person_id', '=', personId)
    .where('is_mfa_enrollment_required', '=', true)
    .execute()
}

/** The stored TOTP secrets not sealed under the key `keyId` (in the clear, or under a previous key). */
export function listTotpSecretsToSeal(db: Db, keyId: string) {
  return db
    .selectFrom('person_totp')
    .select(['person_id', 'secret'])
    .where('secret', 'not like', `tsk1.${keyId}.%`)
    .execute()
}

/** Replaces a stored TOTP secret by the same secret sealed again, unless it changed meanwhile. */
export async function resealTotpSecret(db: Db, personId: string, stored: string, sealed: string) {
  await db
    .updateTable('person_totp')
    .set({ secret: sealed })
    .where('person_id', '=', personId)
    .where('secret', '=', stored)
    .execute()
}
