import {
  type AcceptInvitationBody,
  type BulkInvitationBody,
  BulkInvitationBodySchema,
  type BulkInvitationResult,
  type CancelledInvitation,
  type Invitation,
  type InvitationBody,
  type InvitationPreview,
  type InvitationSelection,
  type InvitationSelectionCounts,
  InvitationSelectionSchema,
  type PendingInvitationList,
  type PendingInvitationListQuery,
  PendingInvitationListQuerySchema,
} from '#contracts/auth.ts'
import { DAY, MINUTE } from '#contracts/durations.ts'
import type { AccessStatus } from '#contracts/people.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { isUniqueViolation } from '#server/db/database-errors.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hashToken, newToken, type Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent, recordAuditEvents } from '#server/modules/audit/audit.service.ts'
import { countPeopleInEachAccess, listPeopleBatch, type PeopleFilters } from '#server/modules/people/people.service.ts'
import { assertPasswordSignInAllowed } from '#server/modules/sso/sso-policy.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import { invitationEmail } from './auth.mail.ts'
import {
  activateInvitedPerson,
  claimEmailToken,
  deleteEmailToken,
  deleteInvitedPerson,
  deleteUnusedInvitationLinks,
  expireInvitationLinksOfPeople,
  findLiveInvitation,
  findNewestEmailTokenTime,
  findNewestInvitationTimes,
  findPerson,
  findPersonByEmail,
  findViewerProfile,
  hasReportsOrEnrollments,
  insertEmailTokens,
  insertInvitedPerson,
  listPendingInvitations,
  lockPerson,
  replaceEmailToken,
  updateInvitedPerson,
} from './auth.repository.ts'
import { type RequestMeta, type StartedSession, startSession } from './auth.service.ts'
import { hashPassword } from './passwords.ts'

export const INVITATION_TTL_MS = 7 * DAY

export const tokenInvalid = () =>
  new AppError('token_invalid', 'This link is no longer valid: it was already used or has expired. Ask for a new one.')

const emailTaken = () => new AppError('email_taken', 'Someone already has an account with this email address')

/** Shortest time between two invitations to one person: a double click, or two admins at once, send one email. */
export const INVITATION_RESEND_INTERVAL_MS = MINUTE

/** An invitation went to the person moments ago; carries when another may be sent. */
export class InvitationRecentlySentError extends AppError {
  readonly retryAfterSeconds: number

  constructor(email: string, retryAfterSeconds: number) {
    super(
      'invitation_recently_sent',
      `An invitation was sent to ${email} less than a minute ago, so no second email went out. Give it a moment to arrive; it can be sent again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    )
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/**
 * Refuses a new invitation while the person's last one is younger than the resend interval. Run it
 * with the person locked (or after their row was written), so two concurrent sends see each other.
 */
async function refuseRecentInvitation(
  db: Db,
  person: { id: string; email: string },
  organizationId: string,
  now: Date,
) {
  const sentAt = await findNewestEmailTokenTime(db, organizationId, person.id, 'invitation')
  // A concurrent send may have read the clock after this request did and still stored its row first
  // (it got the lock first): its time is then later than `now`, so the wait is capped at the interval.
  const waitMs = sentAt
    ? Math.min(sentAt.getTime() + INVITATION_RESEND_INTERVAL_MS - now.getTime(), INVITATION_RESEND_INTERVAL_MS)
    : 0
  if (waitMs > 0) throw new InvitationRecentlySentError(person.email, Math.ceil(waitMs / 1000))
}

/**
 * Invites a person into the admin's organization by email, or invites again a person still invited
 * (the earlier link stops working). Anyone who already has an account, here or elsewhere, is refused.
 */
export async function invitePerson(
  db: Db,
  mailer: Mailer,
  config: Config,
  viewer: Viewer,
  body: { email: string; name: string; role: NonNullable<InvitationBody['role']> },
  now: Date,
): Promise<Invitation> {
  const token = newToken()
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS)
  let created: Awaited<ReturnType<typeof insertInvitedPerson>> & { isReinvite: boolean; organizationName: string }
  try {
    created = await db.transaction().execute(async (trx) => {
      const existing = await findPersonByEmail(trx, body.email)
      if (existing && (existing.organization_id !== viewer.organizationId || existing.status !== 'invited')) {
        throw emailTaken()
      }
      if (existing) {
        await lockPerson(trx, viewer.organizationId, existing.id)
        await refuseRecentInvitation(trx, existing, viewer.organizationId, now)
      }
      const person = existing
        ? await updateInvitedPerson(trx, viewer.organizationId, existing.id, { name: body.name, role: body.role }, now)
        : await insertInvitedPerson(trx, { organizationId: viewer.organizationId, ...body })
      if (!person) throw emailTaken()
      await replaceEmailToken(
        trx,
        {
          tokenHash: hashToken(token),
          purpose: 'invitation',
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
        address: viewer.address,
        action: existing ? 'invitation.resent' : 'invitation.sent',
        targetType: 'person',
        targetId: person.id,
        details: { role: person.role },
      })
      if (!existing) await emitWebhookEvents(trx, viewer.organizationId, now, [webhookEvents.personCreated(person)])
      const inviter = await findViewerProfile(trx, viewer.organizationId, viewer.personId)
      return { ...person, isReinvite: Boolean(existing), organizationName: inviter?.organization_name ?? '' }
    })
  } catch (error) {
    // Two admins inviting the same address at once: the unique index decides, the loser is told
    // (that it was just invited, when the winner's invitation is the one in the way).
    if (isUniqueViolation(error)) {
      const winner = await findPersonByEmail(db, body.email)
      if (winner?.organization_id === viewer.organizationId && winner.status === 'invited') {
        await refuseRecentInvitation(db, winner, viewer.organizationId, now)
      }
      throw emailTaken()
    }
    throw error
  }

  try {
    await mailer.send(
      db,
      invitationEmail({
        organizationId: viewer.organizationId,
        personId: created.id,
        to: created.email,
        name: created.name,
        organizationName: created.organizationName,
        invitedByName: viewer.name,
        url: `${config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`,
        expiresAt,
      }),
    )
  } catch {
    // No email carries this link: it must not count as sent moments ago when the admin invites again.
    await deleteEmailToken(db, hashToken(token)).catch(() => {})
    throw new AppError(
      'mail_delivery_failed',
      `The invitation was saved but the email to ${created.email} could not be sent; check the mail settings and invite again`,
    )
  }
  return {
    personId: created.id,
    email: created.email,
    name: created.name,
    role: created.role,
    expiresAt: expiresAt.toISOString(),
    isReinvite: created.isReinvite,
  }
}

/** Someone of the organization without a password, to invite. */
export interface InvitationRecipient {
  id: string
  email: string
  name: string
}

/**
 * Sends each person a new invitation link in the caller's transaction (the earlier link of each stops
 * working): one email per person, which with SMTP is one durable `email-send` job, written only if the
 * transaction commits. The people must be invited (no password) and of the viewer's organization.
 */
export async function sendInvitations(
  trx: Db,
  mailer: Mailer,
  config: Config,
  viewer: Viewer,
  people: ReadonlyArray<InvitationRecipient>,
  now: Date,
  options: { program?: { id: string; name: string } } = {},
): Promise<number> {
  if (people.length === 0) return 0
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS)
  const inviter = await findViewerProfile(trx, viewer.organizationId, viewer.personId)
  // A thousand at a time: the links and the audit events in one statement each, then one email per person.
  for (let start = 0; start < people.length; start += 1000) {
    const batch = people.slice(start, start + 1000)
    const wasInvited = await expireInvitationLinksOfPeople(
      trx,
      viewer.organizationId,
      batch.map((person) => person.id),
      now,
    )
    const tokens = batch.map(() => newToken())
    await insertEmailTokens(
      trx,
      batch.map((person, index) => ({
        tokenHash: hashToken(tokens[index]!),
        purpose: 'invitation' as const,
        organizationId: viewer.organizationId,
        personId: person.id,
        createdBy: viewer.personId,
        expiresAt,
      })),
      now,
    )
    await recordAuditEvents(
      trx,
      batch.map((person) => ({
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: wasInvited.has(person.id) ? 'invitation.resent' : 'invitation.sent',
        targetType: 'person',
        targetId: person.id,
        details: options.program ? { programId: options.program.id } : {},
      })),
    )
    for (const [index, person] of batch.entries()) {
      await mailer.send(
        trx,
        invitationEmail({
          organizationId: viewer.organizationId,
          personId: person.id,
          to: person.email,
          name: person.name,
          organizationName: inviter?.organization_name ?? '',
          invitedByName: viewer.name,
          url: `${config.publicUrl}/accept-invitation?token=${encodeURIComponent(tokens[index]!)}`,
          expiresAt,
          programName: options.program?.name,
        }),
      )
    }
  }
  return people.length
}

/** What an invitation link offers, for the page that accepts it. */
export async function getInvitation(db: Db, token: string, now: Date): Promise<InvitationPreview> {
  const invitation = await findLiveInvitation(db, hashToken(token), now)
  if (!invitation) throw tokenInvalid()
  return {
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    organizationName: invitation.organization_name,
    invitedByName: invitation.invited_by_name,
    expiresAt: invitation.expires_at.toISOString(),
  }
}

/** Sets the invited person's password, activates them and signs them in; the link works once. */
export async function acceptInvitation(
  db: Db,
  config: Config,
  body: AcceptInvitationBody,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession> {
  const passwordHash = await hashPassword(body.password)
  return db.transaction().execute(async (trx) => {
    const claimed = await claimEmailToken(trx, hashToken(body.token), 'invitation', now)
    if (!claimed) throw tokenInvalid()
    const person = await activateInvitedPerson(
      trx,
      claimed.organization_id,
      claimed.person_id,
      { passwordHash, name: body.name },
      now,
    )
    if (!person) throw tokenInvalid()
    // A password would be a way around single sign-on: refused (the link still works once it is off).
    await assertPasswordSignInAllowed(trx, person.organization_id, person.id)
    await recordAuditEvent(trx, {
      organizationId: person.organization_id,
      actorId: person.id,
      address: meta.ip,
      action: 'invitation.accepted',
      targetType: 'person',
      targetId: person.id,
    })
    return startSession(trx, config, person, meta, now)
  })
}

/** Invitations sent and not accepted yet in the viewer's organization, newest first, one page at a time. */
export async function listInvitations(
  db: Db,
  viewer: Viewer,
  input: PendingInvitationListQuery,
  now: Date,
): Promise<PendingInvitationList> {
  const query = PendingInvitationListQuerySchema.parse(input)
  const { rows, total } = await listPendingInvitations(db, viewer.organizationId, query, query)
  return {
    invitations: rows.map((row) => ({
      personId: row.person_id,
      email: row.email,
      name: row.name,
      role: row.role,
      sentAt: row.sent_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      isExpired: row.expires_at <= now,
      invitedByName: row.invited_by_name,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  }
}

function notPending(person: { name: string; email: string; status: string }): AppError {
  if (person.status === 'active') {
    return new AppError('invitation_not_pending', `${person.name} already accepted the invitation and can sign in`)
  }
  if (person.status === 'deactivated') {
    return new AppError('invitation_not_pending', `${person.name} is deactivated: there is no invitation to cancel`)
  }
  return new AppError('invitation_not_pending', `No invitation is waiting for ${person.email}`)
}

/**
 * Cancels a person's invitation: every link sent to them stops working at once. A person who is
 * nothing but the invitation (no employee id, no reports, no enrollment) is removed, so a mistyped
 * address leaves no trace and can be invited again; anyone else stays, still without a password.
 */
export async function cancelInvitation(db: Db, viewer: Viewer, personId: string): Promise<CancelledInvitation> {
  return db.transaction().execute(async (trx) => {
    const before = await findPerson(trx, viewer.organizationId, personId)
    if (!before) throw notFound('Person')
    if (before.status !== 'invited') throw notPending(before)
    const cancelled = await cancelInvitationIn(trx, viewer, personId, { mayRemovePerson: true })
    if (cancelled === 'not_found') throw notFound('Person')
    if ('status' in cancelled) throw notPending(cancelled)
    return cancelled
  })
}

/**
 * Cancels one person's invitation inside the caller's transaction (see cancelInvitation); answers the
 * person as they are when nothing was waiting for them. Only with `mayRemovePerson` is a person who
 * is nothing but the invitation removed (one cancel at a time: a bulk cancel never deletes anyone).
 */
async function cancelInvitationIn(
  trx: Db,
  viewer: Viewer,
  personId: string,
  { mayRemovePerson }: { mayRemovePerson: boolean },
): Promise<CancelledInvitation | { name: string; email: string; status: string } | 'not_found'> {
  // Links first, then the person: the order acceptance locks them in, so the two cannot deadlock.
  const linksEnded = await deleteUnusedInvitationLinks(trx, viewer.organizationId, personId)
  const person = await lockPerson(trx, viewer.organizationId, personId)
  if (!person) return 'not_found'
  if (person.status !== 'invited' || linksEnded === 0) return person
  const isPersonRemoved =
    mayRemovePerson &&
    person.employee_id === null &&
    !(await hasReportsOrEnrollments(trx, viewer.organizationId, personId))
  if (isPersonRemoved) await deleteInvitedPerson(trx, viewer.organizationId, personId)
  await recordAuditEvent(trx, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action: 'invitation.cancelled',
    targetType: 'person',
    targetId: personId,
    details: { linksEnded, isPersonRemoved },
  })
  return { personId, email: person.email, name: person.name, isPersonRemoved }
}

/** How many of the people the filters select are in each access status, for the bulk actions' counts. */
export async function countInvitationSelection(
  db: Db,
  viewer: Viewer,
  input: InvitationSelection,
  now: Date,
): Promise<InvitationSelectionCounts> {
  const selection = InvitationSelectionSchema.parse(input)
  const counts = await countPeopleInEachAccess(db, viewer.organizationId, selectionFilters(selection, null, now), now)
  return {
    notInvited: counts.not_invited,
    invited: counts.invited,
    active: counts.active,
    deactivated: counts.deactivated,
  }
}

/** The directory filters of a selection, kept to one access status (the action's) when one is given. */
function selectionFilters(selection: InvitationSelection, only: AccessStatus | null, now: Date): PeopleFilters {
  const { access, ...filters } = selection
  const statuses = only === null ? (access ? [access] : null) : access === undefined || access === only ? [only] : []
  return { ...filters, ...(statuses ? { access: { statuses, now } } : {}) }
}

/**
 * One batch of a bulk invitation action on the selected people (BulkInvitationBodySchema), in one
 * transaction: invitations are sent as sendInvitations sends them (one durable email each); a cancel
 * ends the person's links as cancelInvitation does but removes nobody (they show as not invited).
 * Someone sent an invitation less than a minute ago gets no second one.
 */
export async function runBulkInvitations(
  db: Db,
  mailer: Mailer,
  config: Config,
  viewer: Viewer,
  input: BulkInvitationBody,
  now: Date,
): Promise<BulkInvitationResult> {
  const body = BulkInvitationBodySchema.parse(input)
  const eligible: AccessStatus = body.action === 'invite' ? 'not_invited' : 'invited'
  const filters = selectionFilters(body.selection, eligible, now)
  const result: BulkInvitationResult = { action: body.action, done: 0, skipped: 0, nextCursor: null }
  if (filters.access?.statuses.length === 0) return result
  return db.transaction().execute(async (trx) => {
    const { people: batch, nextCursor } = await listPeopleBatch(trx, viewer.organizationId, filters, body)
    result.nextCursor = nextCursor
    if (body.action === 'cancel') {
      for (const person of batch) {
        const cancelled = await cancelInvitationIn(trx, viewer, person.id, { mayRemovePerson: false })
        if (typeof cancelled === 'object' && 'isPersonRemoved' in cancelled) result.done += 1
        else result.skipped += 1
      }
      return result
    }
    const sentAt = await findNewestInvitationTimes(
      trx,
      viewer.organizationId,
      batch.map((person) => person.id),
    )
    const recipients = batch.filter((person) => {
      const last = sentAt.get(person.id)
      return last === undefined || now.getTime() - last.getTime() >= INVITATION_RESEND_INTERVAL_MS
    })
    result.skipped = batch.length - recipients.length
    result.done = await sendInvitations(trx, mailer, config, viewer, recipients, now)
    return result
  })
}
