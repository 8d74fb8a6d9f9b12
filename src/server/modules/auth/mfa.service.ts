import { createHash, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type {
  MfaDisableBody,
  MfaPolicy,
  MfaRecoveryCodes,
  MfaSetup,
  MfaSignInBody,
  MfaStatus,
} from '#contracts/auth.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { AppError } from '#server/http/app-error.ts'
import { hashToken, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import type { SecretBox } from '#server/secrets/secret-box.ts'
import { findPersonByEmail } from './auth.repository.ts'
import {
  assertSignInNotLocked,
  auditFailedSignIn,
  completeSignIn,
  isMfaRequiredOf,
  type RequestMeta,
  recordFailedAuthentication,
  type StartedSession,
} from './auth.service.ts'
import {
  advanceTotpStep,
  clearMfaEnrollmentRequired,
  confirmTotp,
  countPendingSignInFailure,
  countUnusedRecoveryCodes,
  deletePendingSignIn,
  deleteTotp,
  findOrganizationMfaPolicy,
  findPendingSignIn,
  findTotp,
  listTotpSecretsToSeal,
  replaceRecoveryCodes,
  resealTotpSecret,
  spendRecoveryCode,
  updateOrganizationMfaPolicy,
  upsertUnconfirmedTotp,
} from './mfa.repository.ts'
import { verifyPassword } from './passwords.ts'

// Decision 040: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, as every authenticator app reads it) with
// otpauth; the time always comes from the app clock (`timestamp`), never the library's Date.now().

const ISSUER = 'Tandem'
const PERIOD_SECONDS = 30
/** One step either side: a phone clock a little off, or a code typed as it turned. */
const WINDOW = 1
export const RECOVERY_CODE_COUNT = 10
/** Wrong codes one pending sign-in takes before it ends (the password must be typed again). */
export const PENDING_SIGN_IN_MAX_FAILURES = 5
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })
}

/** The time step a code is for, or null when it is not a valid code at `now` (within the window). */
function matchingStep(secret: string, label: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const totp = totpOf(secret, label)
  const timestamp = now.getTime()
  const delta = totp.validate({ token, timestamp, window: WINDOW })
  if (delta === null) return null
  return totp.counter({ timestamp }) + delta
}

function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(`totp-recovery:${normalizeRecoveryCode(code)}`)
    .digest('hex')
}

/** Ten codes of ten characters (about 49 bits each), written xxxxx-xxxxx. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
  })
}

/** My TOTP state, and whether my organization requires it of me. */
export async function getMfaStatus(db: Db, viewer: Viewer): Promise<MfaStatus> {
  const totp = await findTotp(db, viewer.personId)
  const isEnabled = Boolean(totp?.confirmed_at)
  return {
    isEnabled,
    recoveryCodesLeft: isEnabled ? await countUnusedRecoveryCodes(db, viewer.personId) : 0,
    isRequired: await isMfaRequiredOf(db, { organization_id: viewer.organizationId, role: viewer.role }),
  }
}

/** What a person's TOTP secret is sealed for: their row only (decision 047). */
const totpContext = (personId: string) => `totp:${personId}`

/** A person's authenticator with its secret opened (it is stored sealed). */
async function findOpenTotp(db: Db, secrets: SecretBox, personId: string) {
  const totp = await findTotp(db, personId)
  return totp && { ...totp, secret: secrets.open(totp.secret, totpContext(personId)) }
}

/**
 * Seals every stored TOTP secret under the current key: the ones kept in the clear before sealing
 * existed, and the ones under SECRET_KEY_PREVIOUS after a rotation (run at each start). Answers how many.
 */
export async function sealStoredTotpSecrets(db: Db, secrets: SecretBox): Promise<number> {
  const rows = await listTotpSecretsToSeal(db, secrets.keyId)
  for (const row of rows)
    await resealTotpSecret(db, row.person_id, row.secret, secrets.reseal(row.secret, totpContext(row.person_id)))
  return rows.length
}

/** Starts enrolling: a new secret, its otpauth:// URI and QR code; nothing changes until a code confirms it. */
export async function startMfaSetup(db: Db, secrets: SecretBox, viewer: Viewer, now: Date): Promise<MfaSetup> {
  const existing = await findTotp(db, viewer.personId)
  if (existing?.confirmed_at) {
    throw new AppError('conflict', 'Two-step sign-in is already on: turn it off first to use another authenticator.')
  }
  const secret = new Secret({ size: 20 }).base32
  const sealed = secrets.seal(secret, totpContext(viewer.personId))
  await upsertUnconfirmedTotp(
    db,
    { personId: viewer.personId, organizationId: viewer.organizationId, secret: sealed },
    now,
  )
  const otpauthUri = totpOf(secret, viewer.email).toString()
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return {
    secret,
    otpauthUri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  }
}

/** Confirms the authenticator with a first code: only then is it on; answers the recovery codes (shown once). */
export async function confirmMfaSetup(
  db: Db,
  secrets: SecretBox,
  viewer: Viewer,
  code: string,
  now: Date,
): Promise<MfaRecoveryCodes> {
  const totp = await findOpenTotp(db, secrets, viewer.personId)
  if (!totp || totp.confirmed_at) throw new AppError('conflict', 'Start setting up an authenticator app first.')
  const step = matchingStep(totp.secret, viewer.email, code, now)
  if (step === null) {
    throw new AppError('validation_failed', 'That code is not right. Type the 6-digit code your app shows now.', [
      { path: 'body.code', message: 'is not the current code' },
    ])
  }
  const recoveryCodes = newRecoveryCodes()
  await db.transaction().execute(async (trx) => {
    if (!(await confirmTotp(trx, viewer.personId, step, now))) {
      throw new AppError('conflict', 'Start setting up an authenticator app first.')
    }
    await replaceRecoveryCodes(trx, viewer.personId, recoveryCodes.map(hashRecoveryCode))
    await clearMfaEnrollmentRequired(trx, viewer.personId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'mfa.enabled',
      targetType: 'person',
      targetId: viewer.personId,
    })
  })
  return { recoveryCodes }
}

/** Turns TOTP off: takes a current code, a recovery code or the password. */
export async function disableMfa(
  db: Db,
  secrets: SecretBox,
  viewer: Viewer,
  body: MfaDisableBody,
  now: Date,
): Promise<void> {
  const totp = await findOpenTotp(db, secrets, viewer.personId)
  if (!totp) return
  let isProven = false
  if (!totp.confirmed_at)
    isProven = true // an enrollment never confirmed: nothing protects the account yet
  else if (body.code)
    isProven = await acceptSecondFactor(db, viewer.personId, totp.secret, viewer.email, body.code, now)
  else if (body.password) {
    const person = await findPersonByEmail(db, viewer.email)
    isProven = await verifyPassword(person?.password_hash ?? null, body.password)
  }
  if (!isProven) {
    throw new AppError('validation_failed', 'Type a current code from your app, a recovery code or your password.', [
      { path: body.code ? 'body.code' : 'body.password', message: 'is not right' },
    ])
  }
  await db.transaction().execute(async (trx) => {
    await deleteTotp(trx, viewer.personId)
    if (totp.confirmed_at) {
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'mfa.disabled',
        targetType: 'person',
        targetId: viewer.personId,
      })
    }
  })
}

/**
 * A code of the app (accepted once: its step must be later than the last accepted) or an unused
 * recovery code (used up). Answers 'totp', 'recovery' or why not.
 */
async function checkSecondFactor(
  db: Db,
  personId: string,
  secret: string,
  label: string,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery' | 'wrong' | 'replayed'> {
  const step = matchingStep(secret, label, code, now)
  if (step !== null) return (await advanceTotpStep(db, personId, step)) ? 'totp' : 'replayed'
  if (
    normalizeRecoveryCode(code).length === 10 &&
    (await spendRecoveryCode(db, personId, hashRecoveryCode(code), now))
  ) {
    return 'recovery'
  }
  return 'wrong'
}

async function acceptSecondFactor(db: Db, personId: string, secret: string, label: string, code: string, now: Date) {
  const outcome = await checkSecondFactor(db, personId, secret, label, code, now)
  return outcome === 'totp' || outcome === 'recovery'
}

const WRONG_CODE = 'That code is not right. Type the 6-digit code your app shows now, or a recovery code.'
const PENDING_ENDED = 'This sign-in has ended. Type your email and password again.'

/**
 * The second step of a password sign-in on an account with TOTP. Wrong codes count against the
 * sign-in limit of the email and address (as wrong passwords do) and end the pending sign-in after
 * a few; every refusal is audited.
 */
export async function signInWithCode(
  db: Db,
  config: Config,
  secrets: SecretBox,
  body: MfaSignInBody,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession> {
  const pendingId = hashToken(body.pendingToken)
  const pending = await findPendingSignIn(db, pendingId, now)
  if (pending?.status !== 'active') {
    await auditFailedSignIn(
      db,
      pending ? { id: pending.person_id, organization_id: pending.organization_id } : undefined,
      meta.ip,
      'mfa_pending_expired',
    )
    throw new AppError('mfa_pending_expired', PENDING_ENDED)
  }
  const person = { id: pending.person_id, organization_id: pending.organization_id }
  try {
    await assertSignInNotLocked(db, config, pending.email, meta.ip, now)
  } catch (error) {
    await auditFailedSignIn(db, person, meta.ip, 'locked_out')
    throw error
  }
  const totp = await findOpenTotp(db, secrets, pending.person_id)
  if (!totp?.confirmed_at) {
    await deletePendingSignIn(db, pendingId)
    throw new AppError('mfa_pending_expired', PENDING_ENDED)
  }
  const outcome = await checkSecondFactor(db, pending.person_id, totp.secret, pending.email, body.code, now)
  if (outcome === 'wrong' || outcome === 'replayed') {
    await recordFailedAuthentication(db, pending.email, meta.ip, now)
    await auditFailedSignIn(db, person, meta.ip, outcome === 'wrong' ? 'wrong_mfa_code' : 'mfa_code_replayed')
    const failures = await countPendingSignInFailure(db, pendingId)
    if (failures >= PENDING_SIGN_IN_MAX_FAILURES) {
      await deletePendingSignIn(db, pendingId)
      throw new AppError('mfa_pending_expired', `Too many wrong codes. ${PENDING_ENDED}`)
    }
    throw new AppError(
      'invalid_mfa_code',
      outcome === 'replayed' ? 'That code was used already. Wait for the next code in your app.' : WRONG_CODE,
    )
  }
  await deletePendingSignIn(db, pendingId)
  if (outcome === 'recovery') {
    await recordAuditEvent(db, {
      organizationId: person.organization_id,
      actorId: person.id,
      address: meta.ip,
      action: 'mfa.recovery_code_used',
      targetType: 'person',
      targetId: person.id,
      details: { recoveryCodesLeft: await countUnusedRecoveryCodes(db, person.id) },
    })
  }
  return completeSignIn(db, config, person, pending.email, meta, now, {
    details: { secondFactor: outcome === 'totp' ? 'totp' : 'recovery_code' },
  })
}

export async function getMfaPolicy(db: Db, viewer: Viewer): Promise<MfaPolicy> {
  const row = await findOrganizationMfaPolicy(db, viewer.organizationId)
  return { isRequiredForStaff: row?.is_mfa_required_for_staff ?? false }
}

/** Admins require (or stop requiring) TOTP of admins and program managers signing in with a password. */
export async function updateMfaPolicy(db: Db, viewer: Viewer, body: MfaPolicy): Promise<MfaPolicy> {
  await db.transaction().execute(async (trx) => {
    await updateOrganizationMfaPolicy(trx, viewer.organizationId, body.isRequiredForStaff)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'mfa.policy_updated',
      targetType: 'organization',
      targetId: viewer.organizationId,
      details: { isRequiredForStaff: body.isRequiredForStaff },
    })
  })
  return body
}
