import type { SignInReset } from '#contracts/auth.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hashToken, newToken, type Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { signInResetEmail } from './auth.mail.ts'
import { clearPasswordByAdmin, deleteSessionsOfPerson, lockPerson, replaceEmailToken } from './auth.repository.ts'
import { INVITATION_TTL_MS } from './invitations.service.ts'
import { deletePendingSignInsOfPerson, deleteTotp, findTotp } from './mfa.repository.ts'

/** A reset's set-password link lasts as long as an invitation: it reaches the person the same way. */
export const SIGN_IN_RESET_TTL_MS = INVITATION_TTL_MS

/**
 * An admin resets the sign-in of a person of their organization who cannot use their own (no
 * mailbox, lost password without SMTP): the person is signed out everywhere, their password and
 * every reset link stop working, and a new set-password link goes out the way invitations do (by
 * email with SMTP; in the mail catcher without, where admins read it). It is audited, and the
 * person is told at their next sign-in. Never on oneself (change your own password instead).
 */
export async function resetSignInAsAdmin(
  db: Db,
  mailer: Mailer,
  config: Config,
  viewer: Viewer,
  personId: string,
  now: Date,
): Promise<SignInReset> {
  if (personId === viewer.personId) {
    throw new AppError('self_sign_in_reset', 'You cannot reset your own sign-in: change your password instead')
  }
  const token = newToken()
  const expiresAt = new Date(now.getTime() + SIGN_IN_RESET_TTL_MS)
  return db.transaction().execute(async (trx) => {
    const person = await lockPerson(trx, viewer.organizationId, personId)
    if (!person) throw notFound('Person')
    if (person.status !== 'active') {
      throw new AppError(
        'person_not_active',
        person.status === 'invited'
          ? `${person.name} has not accepted their invitation yet: invite them again instead`
          : `${person.name} is deactivated: reactivate them first`,
      )
    }
    const sessionsEnded = await deleteSessionsOfPerson(trx, viewer.organizationId, person.id, now)
    await clearPasswordByAdmin(trx, viewer.organizationId, person.id, { resetBy: viewer.personId, resetAt: now })
    // A lost phone is a reason to ask: two-step sign-in is turned off too, and set up again by the person (decision 040).
    const isTotpRemoved = Boolean((await findTotp(trx, person.id))?.confirmed_at)
    await deleteTotp(trx, person.id)
    await deletePendingSignInsOfPerson(trx, person.id)
    await replaceEmailToken(
      trx,
      {
        tokenHash: hashToken(token),
        purpose: 'password_reset',
        organizationId: viewer.organizationId,
        personId: person.id,
        createdBy: viewer.personId,
        expiresAt,
      },
      now,
    )
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'sign_in.reset_by_admin',
      targetType: 'person',
      targetId: person.id,
      details: { sessionsEnded, ...(isTotpRemoved ? { isTotpRemoved } : {}) },
      address: viewer.address,
    })
    // In the transaction: with SMTP the delivery job exists only if the reset commits.
    await mailer.send(
      trx,
      signInResetEmail({
        organizationId: viewer.organizationId,
        personId: person.id,
        to: person.email,
        name: person.name,
        resetByName: viewer.name,
        url: `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
        expiresAt,
      }),
    )
    return {
      personId: person.id,
      sessionsEnded,
      linkExpiresAt: expiresAt.toISOString(),
      delivery: config.smtpUrl ? 'email' : 'mail_catcher',
    }
  })
}
