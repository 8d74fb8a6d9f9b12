import { randomBytes } from 'node:crypto'
import { type Insertable, sql } from 'kysely'
import { defaultProgramSettings } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import type {
  CoachingSessionRow,
  CoachingSessionStatus,
  EnrollmentRow,
  EnrollmentsTable,
  MatchMemberRole,
  MatchRow,
  MatchStatus,
  NewPerson,
  OrganizationRow,
  PersonRow,
  ProgramRow,
  ProgramsTable,
  Role,
} from '#server/db/schema.ts'
import { hashPassword } from '#server/modules/auth/passwords.ts'
import {
  ensureEmailPreferences,
  updateMutedCategoriesBy,
} from '#server/modules/notifications/notifications.repository.ts'
import { clockOf } from './test-clock.ts'

type NewProgram = Insertable<ProgramsTable>
type NewEnrollment = Insertable<EnrollmentsTable>

let sequence = 0
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${randomBytes(2).toString('hex')}`

export async function buildOrganization(db: Db, overrides: Partial<{ name: string; slug: string }> = {}) {
  const id = unique()
  return db
    .insertInto('organizations')
    .values({ name: overrides.name ?? `Org ${id}`, slug: overrides.slug ?? `org-${id}` })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<OrganizationRow>
}

export const TEST_PASSWORD = 'correct horse battery staple'

export interface BuildPersonOptions extends Partial<Omit<NewPerson, 'organization_id'>> {
  organizationId: string
  role?: Role
  /** Plain password to hash; defaults to TEST_PASSWORD. Pass null for an account without one. */
  password?: string | null
}

let cachedHash: Promise<string> | undefined

export async function buildPerson(db: Db, options: BuildPersonOptions): Promise<PersonRow> {
  const { organizationId, password, ...rest } = options
  const id = unique()
  let passwordHash: string | null = null
  if (password === undefined) {
    cachedHash ??= hashPassword(TEST_PASSWORD)
    passwordHash = await cachedHash
  } else if (password !== null) passwordHash = await hashPassword(password)
  return db
    .insertInto('people')
    .values({
      organization_id: organizationId,
      email: `person-${id}@example.test`,
      name: `Person ${id}`,
      status: 'active',
      password_hash: passwordHash,
      ...rest,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface BuildProgramOptions extends Partial<Omit<NewProgram, 'organization_id'>> {
  organizationId: string
}

/** A program with the type's default settings (a draft peer coaching program unless told otherwise). */
export async function buildProgram(db: Db, options: BuildProgramOptions): Promise<ProgramRow> {
  const { organizationId, ...rest } = options
  const type = rest.type ?? 'peer_coaching'
  const defaults = defaultProgramSettings(type)
  return db
    .insertInto('programs')
    .values({
      organization_id: organizationId,
      type,
      name: `Program ${unique()}`,
      starts_on: '2030-01-01',
      ends_on: '2030-06-30',
      session_cadence_days: defaults.sessionCadenceDays,
      target_session_count: defaults.targetSessionCount,
      session_minutes: defaults.sessionMinutes,
      confidentiality_terms: defaults.confidentialityTerms,
      matching_rules: JSON.stringify(defaults.matchingRules),
      ...rest,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface BuildEnrollmentOptions
  extends Partial<Omit<NewEnrollment, 'organization_id' | 'program_id' | 'person_id'>> {
  program: Pick<ProgramRow, 'id' | 'organization_id'>
  person: Pick<PersonRow, 'id'>
}

/** An enrollment (status enrolled, consented now) of a person in a program. */
export function buildEnrollment(db: Db, options: BuildEnrollmentOptions): Promise<EnrollmentRow> {
  const { program, person, ...rest } = options
  return db
    .insertInto('enrollments')
    .values({
      organization_id: program.organization_id,
      program_id: program.id,
      person_id: person.id,
      intent: 'Grow as a coach',
      consented_at: clockOf(db).now(),
      ...rest,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface BuildMatchOptions {
  organizationId: string
  programId: string
  /** Members in order; roles default to peer (or mentor then mentees when `roles` says so). */
  memberIds: string[]
  roles?: MatchMemberRole[]
  status?: MatchStatus
}

/** A match with its members (published unless told otherwise; members' responses accepted when active). */
export async function buildMatch(db: Db, options: BuildMatchOptions): Promise<MatchRow> {
  const status = options.status ?? 'published'
  const match = await db
    .insertInto('matches')
    .values({
      organization_id: options.organizationId,
      program_id: options.programId,
      status,
      origin: 'manual',
      published_at: status === 'proposed' ? null : clockOf(db).now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await db
    .insertInto('match_members')
    .values(
      options.memberIds.map((personId, index) => ({
        match_id: match.id,
        person_id: personId,
        organization_id: options.organizationId,
        role: options.roles?.[index] ?? 'peer',
        response: status === 'active' || status === 'completed' ? ('accepted' as const) : ('pending' as const),
      })),
    )
    .execute()
  return match
}

export interface BuildSessionOptions {
  match: Pick<MatchRow, 'id' | 'organization_id'>
  /** Defaults to one day ago (a past, scheduled session). */
  startsAt?: Date
  status?: CoachingSessionStatus
  organizerId?: string | null
  durationMinutes?: number
}

/** A coaching session of a match, inserted directly (scheduled one day ago unless told otherwise). */
export function buildSession(db: Db, options: BuildSessionOptions): Promise<CoachingSessionRow> {
  return db
    .insertInto('coaching_sessions')
    .values({
      organization_id: options.match.organization_id,
      match_id: options.match.id,
      organizer_id: options.organizerId ?? null,
      starts_at: options.startsAt ?? new Date(clockOf(db).now().getTime() - 86_400_000),
      duration_minutes: options.durationMinutes ?? 45,
      time_zone: 'UTC',
      status: options.status ?? 'scheduled',
      ics_uid: `${unique()}@tandem.test`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Turns off these email categories for a person, as the Email preferences page would. */
export async function muteEmails(db: Db, person: Pick<PersonRow, 'id' | 'organization_id'>, categories: string[]) {
  await ensureEmailPreferences(db, person.organization_id, [person.id])
  await updateMutedCategoriesBy(db, person.id, { mute: categories, unmute: [] }, clockOf(db).now())
}

export interface BuildPrivateWordsOptions {
  organizationId: string
  matchId: string
  sessionId: string
  authorId: string
  /** Who receives the author's feedback. */
  partnerId: string
  text: string
}

/**
 * The author's private words on a session: a reflection, a shared note, and feedback to the partner
 * (text in every field, ratings 4, 5 and 3), for tests proving that aggregates never show any of it.
 */
export async function buildPrivateWords(db: Db, options: BuildPrivateWordsOptions): Promise<void> {
  const { organizationId, matchId, sessionId, authorId, partnerId, text } = options
  const written = { organization_id: organizationId, match_id: matchId, session_id: sessionId, author_id: authorId }
  await db
    .insertInto('reflections')
    .values({ ...written, body: text })
    .execute()
  await db
    .insertInto('session_notes')
    .values({ ...written, body: text })
    .execute()
  await db
    .insertInto('feedback')
    .values({
      organization_id: organizationId,
      match_id: matchId,
      session_id: sessionId,
      giver_id: authorId,
      receiver_id: partnerId,
      what_worked: text,
      try_next: text,
      situation: text,
      rating_listening: 4,
      rating_questions: 5,
      rating_helpfulness: 3,
    })
    .execute()
}

/** Moves the person's email links back by `ms`, as if sent that much earlier (past the re-send interval). */
export async function backdateEmailLinks(db: Db, personId: string, ms: number): Promise<void> {
  await sql`update email_tokens set created_at = created_at - make_interval(secs => ${ms / 1000})
    where person_id = ${personId}`.execute(db)
}
