import type { PasswordResetCompleteBody } from '#contracts/auth.ts'
import { HOUR } from '#contracts/durations.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { hashToken, newToken } from '#server/http/viewer.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { passwordResetEmail } from './auth.mail.ts'
import {
  claimEmailToken,
  countEmailTokensSince,
  expireEmailTokensOfPerson,
  findPersonByEmail,
  insertEmailToken,
  lockPerson,
  revokeSessionsOfPerson,
  updateActivePersonPassword,
} from './auth.repository.ts'
import { recordSuccessfulAuthentication } from './auth.service.ts'
import { tokenInvalid } from './invitations.service.ts'
import { hashPassword } from './passwords.ts'

export const PASSWORD_RESET_TTL_MS = HOUR
/** Reset emails one person can be sent per hour, so the form cannot be used to flood a mailbox. */
export const PASSWORD_RESETS_PER_HOUR = 3

/** The queue of reset requests: the request path only queues, so every address answers in the same time. */
export const PASSWORD_RESET_QUEUE = 'password-reset'

export interface PasswordResetJobData extends JobData {
  email: string
  /** The requester's client address, for the audit event the job records. */
  address?: string | null
}

/**
 * Queues a reset request, whatever the address: looking the account up, creating the link and
 * sending it happen in the job, so a real and an unknown account take the same time to answer.
 */
export async function queuePasswordReset(jobs: JobRunner, email: string, address: string | null = null): Promise<void> {
  await jobs.send<PasswordResetJobData>(PASSWORD_RESET_QUEUE, { organizationId: null, email, address })
}

export interface PasswordResetOutcome {
  /** Whether an email went out; never shown to the caller, who always gets the same answer. */
  isSent: boolean
  error?: unknown
}

/**
 * Emails a reset link to an active person with this address. Unknown, invited and deactivated
 * addresses get nothing, and the caller cannot tell the difference from the answer.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  config: Config,
  email: string,
  address: string | null,
  now: Date,
): Promise<PasswordResetOutcome> {
  const person = await findPersonByEmail(db, email)
  // Recorded whatever happens next, so admins see requests for an account (and floods of them).
  const audit = (outcome: 'succeeded' | 'failed', reason?: string) =>
    recordAuditEvent(db, {
      organizationId: person?.organization_id ?? null,
      actorId: null,
      address,
      action: 'password_reset.requested',
      targetType: 'person',
      targetId: person?.id ?? null,
      details: reason ? { reason } : {},
      outcome,
    })
  if (person?.status !== 'active') {
    await audit('failed', person ? 'account_not_active' : 'unknown_email')
    return { isSent: false }
  }
  const since = new Date(now.getTime() - HOUR)
  const token = newToken()
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS)
  // Counted and written with the person locked: requests worked at once (several workers or
  // instances) cannot all see room under the hourly limit.
  const isWithinLimit = await db.transaction().execute(async (trx) => {
    await lockPerson(trx, person.organization_id, person.id)
    const recent = await countEmailTokensSince(trx, person.organization_id, person.id, 'password_reset', since)
    if (recent >= PASSWORD_RESETS_PER_HOUR) return false
    await insertEmailToken(
      trx,
      {
        tokenHash: hashToken(token),
        purpose: 'password_reset',
        organizationId: person.organization_id,
        personId: person.id,
        createdBy: null,
        expiresAt,
      },
      now,
    )
    return true
  })
  if (!isWithinLimit) {
    await audit('failed', 'too_many_requests')
    return { isSent: false }
  }
  try {
    await mailer.send(
      db,
      passwordResetEmail({
        organizationId: person.organization_id,
        personId: person.id,
        to: person.email,
        name: person.name,
        url: `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
        expiresAt,
      }),
    )
    await audit('succeeded')
    return { isSent: true }
  } catch (error) {
    await audit('failed', 'mail_delivery_failed')
    return { isSent: false, error }
  }
}

/** Sets a new password from a reset link, which works once, and signs the person out everywhere. */
export async function completePasswordReset(
  db: Db,
  body: PasswordResetCompleteBody,
  ip: string,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(body.password)
  await db.transaction().execute(async (trx) => {
    const claimed = await claimEmailToken(trx, hashToken(body.token), 'password_reset', now)
    if (!claimed) throw tokenInvalid()
    const person = await updateActivePersonPassword(trx, claimed.organization_id, claimed.person_id, passwordHash, now)
    if (!person) throw tokenInvalid()
    await expireEmailTokensOfPerson(trx, person.organization_id, person.id, 'password_reset', now)
    const revoked = await revokeSessionsOfPerson(trx, person.id, now)
    // Proving control of the mailbox ends any sign-in lockout the forgotten password caused.
    await recordSuccessfulAuthentication(trx, person.email, ip, now)
    await recordAuditEvent(trx, {
      organizationId: person.organization_id,
      actorId: person.id,
      address: ip,
      action: 'password_reset.completed',
      targetType: 'person',
      targetId: person.id,
      details: { sessionsRevoked: revoked },
    })
  })
}
