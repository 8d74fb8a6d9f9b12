import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { EmailTokenPurpose, Role } from '#server/db/schema.ts'

// Sign-in, token links and session cookies arrive before anyone is known, so a few lookups below
// go by email, token hash or session id (each unique across the instance). Everything done on
// behalf of a signed-in person is filtered by their organization.

/** The account behind an email address, whatever its organization (email is unique instance-wide). */
export function findPersonByEmail(db: Db, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'organization_id', 'email', 'name', 'role', 'status', 'password_hash'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

export function findPerson(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'organization_id', 'email', 'name', 'role', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

/** The person with their organization's name: what the web app calls the viewer. */
export function findViewerProfile(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.role',
      'p.organization_id',
      'p.time_zone',
      'p.locale',
      'o.name as organization_name',
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', personId)
    .executeTakeFirst()
}

export function insertInvitedPerson(
  db: Db,
  values: { organizationId: string; email: string; name: string; role: Role },
) {
  return db
    .insertInto('people')
    .values({
      organization_id: values.organizationId,
      email: values.email,
      name: values.name,
      role: values.role,
      status: 'invited',
      password_hash: null,
    })
    .returning(['id', 'organization_id', 'email', 'name', 'role', 'status'])
    .executeTakeFirstOrThrow()
}

export function updateInvitedPerson(
  db: Db,
  organizationId: string,
  personId: string,
  values: { name: string; role: Role },
  now: Date,
) {
  return db
    .updateTable('people')
    .set({ name: values.name, role: values.role, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '=', 'invited')
    .returning(['id', 'organization_id', 'email', 'name', 'role', 'status'])
    .executeTakeFirst()
}

/** Sets the password of an invited person and makes them active; undefined when they are no longer invited. */
export function activateInvitedPerson(
  db: Db,
  organizationId: string,
  personId: string,
  values: { passwordHash: string; name?: string },
  now: Date,
) {
  return db
    .updateTable('people')
    .set({
      password_hash: values.passwordHash,
      status: 'active',
      updated_at: now,
      ...(values.name ? { name: values.name } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '=', 'invited')
    .returning(['id', 'organization_id'])
    .executeTakeFirst()
}

/** Sets one password hash on several people of an organization and makes them active (demo accounts). */
export function activatePeopleWithPassword(
  db: Db,
  organizationId: string,
  personIds: string[],
  passwordHash: string,
  now: Date,
) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .updateTable('people')
    .set({ password_hash: passwordHash, status: 'active', updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', 'in', personIds)
    .where('status', '!=', 'deactivated')
    .returning(['id'])
    .execute()
}

export function updateActivePersonPassword(
  db: Db,
  organizationId: string,
  personId: string,
  passwordHash: string,
  now: Date,
) {
  return db
    .updateTable('people')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '=', 'active')
    .returning(['id', 'organization_id', 'email'])
    .executeTakeFirst()
}

// Sessions

export function insertSession(
  db: Db,
  values: {
    id: string
    organizationId: string
    personId: string
    csrfToken: string
    userAgent: string
    ip: string
    expiresAt: Date
    isMfaEnrollmentRequired?: boolean
  },
  now: Date,
) {
  return db
    .insertInto('auth_sessions')
    .values({
      is_mfa_enrollment_required: values.isMfaEnrollmentRequired ?? false,
      id: values.id,
      organization_id: values.organizationId,
      person_id: values.personId,
      csrf_token: values.csrfToken,
      user_agent: values.userAgent,
      ip: values.ip,
      expires_at: values.expiresAt,
      created_at: now,
      last_seen_at: now,
    })
    .execute()
}

/** Revokes the session stored under this id (the sha-256 of its cookie token), if it is still live. */
export function revokeSessionById(db: Db, sessionId: string, now: Date) {
  return db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute()
}

export function listLiveSessionsOfPerson(db: Db, organizationId: string, personId: string, now: Date) {
  return db
    .selectFrom('auth_sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute()
}

/** Revokes every live session of a person; answers how many were revoked. */
export async function revokeSessionsOfPerson(db: Db, personId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Deletes every session of a person, live or not: an admin's reset leaves nothing of their sign-ins. */
export async function deleteSessionsOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('auth_sessions')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .returning(sql<boolean>`revoked_at is null and expires_at > ${now}`.as('was_live'))
    .execute()
  return result.filter((row) => row.was_live).length
}

/** Ends a person's password and remembers who reset it and when, for the notice at their next sign-in. */
export function clearPasswordByAdmin(
  db: Db,
  organizationId: string,
  personId: string,
  values: { resetBy: string; resetAt: Date },
) {
  return db
    .updateTable('people')
    .set({
      password_hash: null,
      sign_in_reset_at: values.resetAt,
      sign_in_reset_by: values.resetBy,
      is_sign_in_reset_notice_pending: true,
      updated_at: values.resetAt,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

/** The person's pending sign-in notice, with the resetting admin's name joined at read time. */
export function findSignInNotice(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('people as admin', (join) =>
      join.onRef('admin.id', '=', 'p.sign_in_reset_by').onRef('admin.organization_id', '=', 'p.organization_id'),
    )
    .select(['p.sign_in_reset_at', 'p.time_zone', 'admin.name as reset_by_name'])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', personId)
    .where('p.is_sign_in_reset_notice_pending', '=', true)
    .executeTakeFirst()
}

export function dismissSignInNotice(db: Db, organizationId: string, personId: string) {
  return db
    .updateTable('people')
    .set({ is_sign_in_reset_notice_pending: false })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .execute()
}

// Sign-in attempts

export function insertSignInAttempt(db: Db, values: { email: string; ip: string; succeeded: boolean }, now: Date) {
  return db
    .insertInto('sign_in_attempts')
    .values({ ...values, created_at: now })
    .execute()
}

/**
 * The moment of the `maxFailures`-th most recent failure for this email inside the window, counting
 * only failures after the email's last successful sign-in; undefined while under the limit.
 */
export async function findEmailLockoutAnchor(
  db: Db,
  email: string,
  windowStart: Date,
  maxFailures: number,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select('created_at')
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('created_at', '>', windowStart)
    .where(({ eb, selectFrom }) =>
      eb(
        'created_at',
        '>',
        eb.fn.coalesce(
          selectFrom('sign_in_attempts as s')
            .select((sub) => sub.fn.max('s.created_at').as('at'))
            .where('s.email', '=', email)
            .where('s.succeeded', '=', true),
          sql<Date>`'-infinity'::timestamptz`,
        ),
      ),
    )
    .orderBy('created_at', 'desc')
    .offset(maxFailures - 1)
    .limit(1)
    .executeTakeFirst()
  return row?.created_at
}

/** The moment of the `maxFailures`-th most recent failure from this address inside the window. */
export async function findIpLockoutAnchor(
  db: Db,
  ip: string,
  windowStart: Date,
  maxFailures: number,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select('created_at')
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('created_at', '>', windowStart)
    .orderBy('created_at', 'desc')
    .offset(maxFailures - 1)
    .limit(1)
    .executeTakeFirst()
  return row?.created_at
}

export function deleteSignInAttemptsBefore(db: Db, before: Date) {
  return db.deleteFrom('sign_in_attempts').where('created_at', '<', before).execute()
}

// Email links (invitations, password resets): only the sha-256 of the token is stored.

export interface EmailTokenValues {
  tokenHash: string
  purpose: EmailTokenPurpose
  organizationId: string
  personId: string
  createdBy: string | null
  expiresAt: Date
}

export function insertEmailToken(db: Db, values: EmailTokenValues, now: Date) {
  return db
    .insertInto('email_tokens')
    .values({
      token_hash: values.tokenHash,
      purpose: values.purpose,
      organization_id: values.organizationId,
      person_id: values.personId,
      created_by: values.createdBy,
      expires_at: values.expiresAt,
      created_at: now,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow()
}

/** Ends every still-usable link of this purpose for the person, so only the newest one works. */
export function expireEmailTokensOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  purpose: EmailTokenPurpose,
  now: Date,
) {
  return db
    .updateTable('email_tokens')
    .set({ expires_at: now })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute()
}

/** Ends every still-usable invitation link of these people and answers who had ever been sent one. */
export async function expireInvitationLinksOfPeople(
  db: Db,
  organizationId: string,
  personIds: string[],
  now: Date,
): Promise<Set<string>> {
  await db
    .updateTable('email_tokens')
    .set({ expires_at: now })
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', personIds)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute()
  const sent = await db
    .selectFrom('email_tokens')
    .select('person_id')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', personIds)
    .where('purpose', '=', 'invitation')
    .execute()
  return new Set(sent.map((row) => row.person_id))
}

/** Many links in one statement. */
export async function insertEmailTokens(db: Db, values: ReadonlyArray<EmailTokenValues>, now: Date): Promise<void> {
  if (values.length === 0) return
  await db
    .insertInto('email_tokens')
    .values(
      values.map((value) => ({
        token_hash: value.tokenHash,
        purpose: value.purpose,
        organization_id: value.organizationId,
        person_id: value.personId,
        created_by: value.createdBy,
        expires_at: value.expiresAt,
        created_at: now,
      })),
    )
    .execute()
}

/** Stores a new link after ending the person's still-usable ones of the same purpose: only the newest works. */
export async function replaceEmailToken(db: Db, values: EmailTokenValues, now: Date) {
  await expireEmailTokensOfPerson(db, values.organizationId, values.personId, values.purpose, now)
  return insertEmailToken(db, values, now)
}

export async function countEmailTokensSince(
  db: Db,
  organizationId: string,
  personId: string,
  purpose: EmailTokenPurpose,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('email_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** A usable invitation link with who it invites, to which organization, and who sent it. */
export function findLiveInvitation(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('email_tokens as t')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 't.person_id').onRef('p.organization_id', '=', 't.organization_id'),
    )
    .innerJoin('organizations as o', 'o.id', 't.organization_id')
    .leftJoin('people as inviter', (join) =>
      join.onRef('inviter.id', '=', 't.created_by').onRef('inviter.organization_id', '=', 't.organization_id'),
    )
    .select([
      't.expires_at',
      'p.email',
      'p.name',
      'p.role',
      'o.name as organization_name',
      'inviter.name as invited_by_name',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('p.status', '=', 'invited')
    .executeTakeFirst()
}

/**
 * Marks a usable link used and answers whose it is; undefined when it is unknown, used or expired.
 * The conditional update is what makes a link single-use even under concurrent requests.
 */
export function claimEmailToken(db: Db, tokenHash: string, purpose: EmailTokenPurpose, now: Date) {
  return db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'organization_id', 'person_id'])
    .executeTakeFirst()
}

// Pending invitations: an invited person's newest invitation link that was not used.

/** One page of pending invitations (the newest unused link of each invited person), newest first. */
export async function listPendingInvitations(
  db: Db,
  organizationId: string,
  filters: { personId?: string },
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('email_tokens as t')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 't.person_id').onRef('p.organization_id', '=', 't.organization_id'),
    )
    .where('t.organization_id', '=', organizationId)
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
    .where('p.status', '=', 'invited')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('email_tokens as newer')
            .select('newer.id')
            .whereRef('newer.person_id', '=', 't.person_id')
            .where('newer.purpose', '=', 'invitation')
            .whereRef('newer.created_at', '>', 't.created_at'),
        ),
      ),
    )
    .$if(filters.personId !== undefined, (query) => query.where('t.person_id', '=', filters.personId as string))
  const [rows, count] = await Promise.all([
    base
      .leftJoin('people as inviter', (join) =>
        join.onRef('inviter.id', '=', 't.created_by').onRef('inviter.organization_id', '=', 't.organization_id'),
      )
      .select([
        'p.id as person_id',
        'p.email',
        'p.name',
        'p.role',
        't.created_at as sent_at',
        't.expires_at',
        'inviter.name as invited_by_name',
      ])
      .orderBy('t.created_at', 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

/**
 * Deletes every unused invitation link of the person and answers how many there were. Runs before
 * the person row is touched, in the order acceptance takes its locks (link, then person).
 */
export async function deleteUnusedInvitationLinks(db: Db, organizationId: string, personId: string): Promise<number> {
  const result = await db
    .deleteFrom('email_tokens')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function deleteEmailToken(db: Db, tokenHash: string) {
  return db.deleteFrom('email_tokens').where('token_hash', '=', tokenHash).execute()
}

/** When the newest link of this purpose was made for the person (used, ended or not); undefined when none was. */
/** Each person's newest invitation link's time, for the people of the list who were ever sent one. */
export async function findNewestInvitationTimes(
  db: Db,
  organizationId: string,
  personIds: ReadonlyArray<string>,
): Promise<Map<string, Date>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('email_tokens')
    .select(['person_id', (eb) => eb.fn.max('created_at').as('created_at')])
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', personIds)
    .where('purpose', '=', 'invitation')
    .groupBy('person_id')
    .execute()
  return new Map(rows.map((row) => [row.person_id, row.created_at]))
}

export async function findNewestEmailTokenTime(
  db: Db,
  organizationId: string,
  personId: string,
  purpose: EmailTokenPurpose,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom('email_tokens')
    .select((eb) => eb.fn.max('created_at').as('created_at'))
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .executeTakeFirst()
  return row?.created_at ?? undefined
}

/** The person, locked until the transaction ends. */
export function lockPerson(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'status', 'employee_id'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirst()
}

/** Whether the organization knows the person beyond an invitation: people report to them or they are in a program. */
export async function hasReportsOrEnrollments(db: Db, organizationId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom(({ exists, selectFrom, or }) =>
      or([
        exists(
          selectFrom('people')
            .select('id')
            .where('organization_id', '=', organizationId)
            .where('manager_id', '=', personId),
        ),
        exists(
          selectFrom('enrollments')
            .select('id')
            .where('organization_id', '=', organizationId)
            .where('person_id', '=', personId),
        ),
      ]).as('found'),
    )
    .executeTakeFirstOrThrow()
  return Boolean(row.found)
}

/** Deletes a person who never set a password; their remaining links and preferences go with them. */
export function deleteInvitedPerson(db: Db, organizationId: string, personId: string) {
  return db
    .deleteFrom('people')
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '=', 'invited')
    .executeTakeFirst()
}
