import type {
  DeactivatePersonBody,
  PeopleFacets,
  PeopleList,
  PeopleListQuery,
  Person,
  UpdateOwnProfileBody,
  UpdatePersonBody,
} from '#contracts/people.ts'
import {
  PEOPLE_COUNT_CAP,
  PeopleListQuerySchema,
  personAccessOf,
  UpdateOwnProfileBodySchema,
  UpdatePersonBodySchema,
} from '#contracts/people.ts'
import type { Db } from '#server/db/connect.ts'
import type { PersonUpdate } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, forbidden, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { auditActorOf, recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { revokeSessionsOfPerson } from '#server/modules/auth/auth.service.ts'
import { listSkillSlugs } from '#server/modules/skills/skills.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import {
  countActiveAdmins,
  countPeopleByAccess,
  countPeopleUpTo,
  findPerson,
  findPersonCard,
  insertPersonWithoutPassword,
  isEmailTaken,
  isEmployeeIdTaken,
  listActiveManagers,
  listDistinctValues,
  listManagerChain,
  listManagers,
  listPeopleByIds,
  listPeoplePage,
  type PeopleFilters,
  type PeopleKey,
  type PersonWithManagerRow,
  updatePerson,
} from './people.repository.ts'

/**
 * Who makes a change to a person: a signed-in admin (a Viewer is one), or the organization's
 * identity provider through SCIM, which acts for no person (personId null in the audit log).
 */
export interface Actor {
  organizationId: string
  personId: string | null
  address: string | null
  /** An organization API token acting (decision 043); absent for people and for SCIM. */
  integration?: Viewer['integration']
}

/** The API shape of a person at `now`; the response schema strips anything not listed (the password hash). */
export function toPerson(row: PersonWithManagerRow, now: Date): Person {
  return {
    id: row.id,
    email: row.email,
    employeeId: row.employee_id,
    name: row.name,
    role: row.role,
    status: row.status,
    access: personAccessOf(row.status, row.invitation_expires_at, now),
    title: row.title,
    department: row.department,
    location: row.location,
    timeZone: row.time_zone,
    locale: row.locale,
    languages: row.languages,
    seniority: row.seniority,
    managerId: row.manager_id,
    managerName: row.manager_id ? row.manager_name : null,
    skillsOffered: row.skills_offered,
    skillsWanted: row.skills_wanted,
    workingHours: { start: row.working_hours_start, end: row.working_hours_end, days: row.working_days },
    leftOn: row.left_on,
    deactivatedAt: toIso(row.deactivated_at),
    erasedAt: toIso(row.erased_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** 'YYYY-MM-DD' of today in UTC. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10)
}

async function loadPerson(db: Db, organizationId: string, personId: string): Promise<PersonWithManagerRow> {
  const row = await findPerson(db, organizationId, personId)
  if (!row) throw notFound('Person')
  return row
}

/** A page's cursor: the name and id of the person it starts after (or before), opaque to clients. */
export const encodePeopleCursor = (row: PeopleKey) =>
  Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url')

/** The key a directory cursor names; a string that is not one of its cursors is a 400 at `where`.`field`. */
export function decodePeopleCursor(
  value: string | undefined,
  field: 'after' | 'before',
  where: 'querystring' | 'body' = 'querystring',
): PeopleKey | undefined {
  if (value === undefined) return undefined
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string' &&
      UUID.test(decoded[1])
    )
      return { name: decoded[0], id: decoded[1] }
  } catch {
    // answered below
  }
  throw new AppError('validation_failed', `${field} is not a cursor of this list`, [
    { path: `${where}.${field}`, message: 'Must be a nextCursor or previousCursor from a previous page' },
  ])
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type { PeopleFilters }

/** How many people the filters select in each access status at `now` (for bulk actions' counts). */
export function countPeopleInEachAccess(db: Db, organizationId: string, filters: PeopleFilters, now: Date) {
  return countPeopleByAccess(db, organizationId, filters, now)
}

/**
 * One batch of the people the filters select, in name-then-id order after a cursor (`after`, a
 * directory cursor: a string that is not one is a 400 at body.after), and the cursor that continues.
 */
export async function listPeopleBatch(
  db: Db,
  organizationId: string,
  filters: PeopleFilters,
  page: { limit: number; after?: string },
): Promise<{ people: PersonWithManagerRow[]; nextCursor: string | null }> {
  const after = decodePeopleCursor(page.after, 'after', 'body')
  const rows = await listPeoplePage(db, organizationId, filters, { limit: page.limit, after })
  const people = rows.slice(0, page.limit)
  const last = people.at(-1)
  return { people, nextCursor: rows.length > page.limit && last ? encodePeopleCursor(last) : null }
}

/**
 * The directory for admins and program managers: filtered, searched, sorted by name, one page at a
 * time by cursor, with how many match counted up to PEOPLE_COUNT_CAP.
 */
export async function listDirectory(db: Db, viewer: Viewer, input: PeopleListQuery, now: Date): Promise<PeopleList> {
  const query = PeopleListQuerySchema.parse(input)
  const filters = { ...query, access: query.access && { statuses: query.access, now } }
  if (query.after !== undefined && query.before !== undefined) {
    throw new AppError('validation_failed', 'Ask for the page after a cursor or before one, not both', [
      { path: 'querystring.before', message: 'Not with after' },
    ])
  }
  const after = decodePeopleCursor(query.after, 'after')
  const before = decodePeopleCursor(query.before, 'before')
  const [rows, counted] = await Promise.all([
    listPeoplePage(db, viewer.organizationId, filters, { limit: query.limit, after, before }),
    countPeopleUpTo(db, viewer.organizationId, filters, PEOPLE_COUNT_CAP),
  ])
  const hasMore = rows.length > query.limit
  const page = rows.slice(0, query.limit)
  if (before !== undefined) page.reverse()
  const first = page[0]
  const last = page.at(-1)
  // Going forward, a page after a cursor has one before it; going back, the page we came from follows.
  const hasPrevious = before !== undefined ? hasMore : after !== undefined
  const hasNext = before !== undefined ? true : hasMore
  return {
    people: page.map((row) => toPerson(row, now)),
    total: Math.min(counted, PEOPLE_COUNT_CAP),
    isTotalCapped: counted > PEOPLE_COUNT_CAP,
    limit: query.limit,
    nextCursor: hasNext && last ? encodePeopleCursor(last) : null,
    previousCursor: hasPrevious && first ? encodePeopleCursor(first) : null,
  }
}

/** Departments, locations and managers of the organization, for the directory's filters. */
export async function listDirectoryFacets(db: Db, viewer: Viewer): Promise<PeopleFacets> {
  const [departments, locations, managers] = await Promise.all([
    listDistinctValues(db, viewer.organizationId, 'department'),
    listDistinctValues(db, viewer.organizationId, 'location'),
    listManagers(db, viewer.organizationId),
  ])
  return { departments, locations, managers }
}

/** Admins and program managers see anyone of their organization; a participant sees only themselves. */
export async function getPerson(db: Db, viewer: Viewer, personId: string, now: Date): Promise<Person> {
  if (personId !== viewer.personId && !hasRole(viewer, 'program_manager')) {
    throw forbidden('You can only see your own profile')
  }
  return toPerson(await loadPerson(db, viewer.organizationId, personId), now)
}

/** An active person of the organization (name, email, role), as other modules address them; else undefined. */
export async function findActivePersonCard(db: Db, organizationId: string, personId: string) {
  const row = await findPersonCard(db, organizationId, personId)
  if (row?.status !== 'active') return undefined
  return { id: row.id, name: row.name, email: row.email, role: row.role }
}

/** A person's id and name, as other modules print them. */
export async function findPersonName(db: Db, organizationId: string, personId: string) {
  const row = await findPersonCard(db, organizationId, personId)
  if (!row) throw notFound('Person')
  return { id: row.id, name: row.name }
}

/** Program managers of the organization: every active program manager and admin (as matching decides), by name. */
export function listActiveProgramManagers(db: Db, organizationId: string) {
  return listActiveManagers(db, organizationId)
}

export async function getOwnProfile(db: Db, viewer: Viewer, now: Date): Promise<Person> {
  return toPerson(await loadPerson(db, viewer.organizationId, viewer.personId), now)
}

type ProfileChanges = UpdateOwnProfileBody & UpdatePersonBody

async function assertKnownSkills(db: Db, organizationId: string, changes: ProfileChanges) {
  const wanted = [...(changes.skillsOffered ?? []), ...(changes.skillsWanted ?? [])]
  if (wanted.length === 0) return
  const catalogue = await listSkillSlugs(db, organizationId)
  const unknown = [...new Set(wanted.filter((slug) => !catalogue.has(slug)))]
  if (unknown.length > 0) {
    throw new AppError(
      'unknown_skill',
      `Not in the skill catalogue: ${unknown.join(', ')}`,
      unknown.map((slug) => ({ path: 'body.skills', message: `unknown skill ${slug}` })),
    )
  }
}

/** Checks a new manager: someone of the organization, not the person, not below them in the reporting line. */
async function assertValidManager(db: Db, organizationId: string, personId: string, managerId: string) {
  if (managerId === personId) {
    throw new AppError('invalid_manager', 'A person cannot be their own manager', [
      { path: 'body.managerId', message: 'is the person themselves' },
    ])
  }
  const chain = await listManagerChain(db, organizationId, managerId)
  if (chain.length === 0) {
    throw new AppError('invalid_manager', 'The manager is not a person of this organization', [
      { path: 'body.managerId', message: 'not found' },
    ])
  }
  if (chain.includes(personId)) {
    throw new AppError('reporting_cycle', 'That manager reports to this person: the reporting line would loop', [
      { path: 'body.managerId', message: 'would create a reporting cycle' },
    ])
  }
}

function toColumns(changes: ProfileChanges): PersonUpdate {
  const columns: PersonUpdate = {}
  if (changes.name !== undefined) columns.name = changes.name
  if (changes.title !== undefined) columns.title = changes.title
  if (changes.location !== undefined) columns.location = changes.location
  if (changes.timeZone !== undefined) columns.time_zone = changes.timeZone
  if (changes.locale !== undefined) columns.locale = changes.locale
  if (changes.languages !== undefined) columns.languages = changes.languages
  if (changes.seniority !== undefined) columns.seniority = changes.seniority
  if (changes.skillsOffered !== undefined) columns.skills_offered = changes.skillsOffered
  if (changes.skillsWanted !== undefined) columns.skills_wanted = changes.skillsWanted
  if (changes.workingHours !== undefined) {
    columns.working_hours_start = changes.workingHours.start
    columns.working_hours_end = changes.workingHours.end
    columns.working_days = [...changes.workingHours.days].sort((a, b) => a - b)
  }
  if (changes.email !== undefined) columns.email = changes.email
  if (changes.employeeId !== undefined) columns.employee_id = changes.employeeId
  if (changes.department !== undefined) columns.department = changes.department
  if (changes.role !== undefined) columns.role = changes.role
  if (changes.managerId !== undefined) columns.manager_id = changes.managerId
  return columns
}

/** The fields that differ, before and after, for the audit log. */
/** Fields of free text or personal identity: the audit log names them as changed, without their values. */
const TEXT_FIELDS: ReadonlySet<keyof Person> = new Set([
  'name',
  'email',
  'employeeId',
  'title',
  'department',
  'location',
])

/** What an edit changed: the fields, with old and new values for the non-text ones (ids, settings). */
function diff(before: Person, after: Person) {
  const changed: string[] = []
  const values: Record<string, { from: unknown; to: unknown }> = {}
  for (const key of Object.keys(after) as Array<keyof Person>) {
    if (key === 'updatedAt' || key === 'managerName' || key === 'role') continue
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue
    changed.push(key)
    if (!TEXT_FIELDS.has(key)) values[key] = { from: before[key], to: after[key] }
  }
  return { changed, values }
}

/** Each person edits their own profile; role, status, email, employee id, manager and department are not theirs to change. */
export async function updateOwnProfile(
  db: Db,
  viewer: Viewer,
  input: UpdateOwnProfileBody,
  now: Date,
): Promise<Person> {
  const body = UpdateOwnProfileBodySchema.parse(input)
  return db.transaction().execute(async (trx) => {
    await loadPerson(trx, viewer.organizationId, viewer.personId)
    await assertKnownSkills(trx, viewer.organizationId, body)
    await updatePerson(trx, viewer.organizationId, viewer.personId, toColumns(body), now)
    const after = toPerson(await loadPerson(trx, viewer.organizationId, viewer.personId), now)
    await emitWebhookEvents(trx, viewer.organizationId, now, [webhookEvents.personUpdated(after)])
    return after
  })
}

/** An admin changes anyone of their organization, role and reporting line included; the last admin stays an admin. */
export async function updatePersonAsAdmin(
  db: Db,
  viewer: Actor,
  personId: string,
  input: UpdatePersonBody,
  now: Date,
): Promise<Person> {
  const body = UpdatePersonBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const before = await loadPerson(trx, viewer.organizationId, personId)
    // Who administers Tandem is decided by people: an integration (an API token, decision 043) syncs
    // people's facts, never their roles.
    if (viewer.integration && body.role !== undefined && body.role !== before.role) {
      throw forbidden('An API token cannot change roles: an admin does that in Tandem')
    }
    if (body.email !== undefined && (await isEmailTaken(trx, body.email, personId))) {
      throw new AppError('email_taken', 'Another account already uses this email', [
        { path: 'body.email', message: 'is taken' },
      ])
    }
    if (body.employeeId && (await isEmployeeIdTaken(trx, viewer.organizationId, body.employeeId, personId))) {
      throw new AppError('employee_id_taken', 'Another person of the organization has this employee id', [
        { path: 'body.employeeId', message: 'is taken' },
      ])
    }
    if (body.managerId) await assertValidManager(trx, viewer.organizationId, personId, body.managerId)
    if (body.role !== undefined && body.role !== 'admin' && before.role === 'admin' && before.status === 'active') {
      if ((await countActiveAdmins(trx, viewer.organizationId, personId)) === 0) {
        throw new AppError('last_admin', 'The organization needs at least one admin: make someone else admin first', [
          { path: 'body.role', message: 'would leave the organization without an admin' },
        ])
      }
    }
    await assertKnownSkills(trx, viewer.organizationId, body)
    await updatePerson(trx, viewer.organizationId, personId, toColumns(body), now)
    const after = toPerson(await loadPerson(trx, viewer.organizationId, personId), now)
    const event = { organizationId: viewer.organizationId, ...auditActorOf(viewer) }
    if (before.role !== after.role) {
      await recordAuditEvent(trx, {
        ...event,
        action: 'person.role_changed',
        targetType: 'person',
        targetId: personId,
        details: { from: before.role, to: after.role },
      })
    }
    const changes = diff(toPerson(before, now), after)
    if (changes.changed.length > 0) {
      await recordAuditEvent(trx, {
        ...event,
        action: 'person.updated',
        targetType: 'person',
        targetId: personId,
        details: { changed: changes.changed, ...changes.values },
      })
      await emitWebhookEvents(trx, viewer.organizationId, now, [webhookEvents.personUpdated(after)])
    }
    return after
  })
}

/** Marks a person as having left: their history stays, their sessions end and they can no longer sign in. */
export async function deactivatePerson(
  db: Db,
  viewer: Actor,
  personId: string,
  body: DeactivatePersonBody,
  now: Date,
): Promise<Person> {
  if (personId === viewer.personId) {
    throw new AppError('self_deactivation', 'You cannot deactivate yourself; ask another admin')
  }
  return inTransaction(db, async (trx) => {
    const before = await loadPerson(trx, viewer.organizationId, personId)
    // An admin never deactivates themselves (above), so only an integration could reach the last one.
    if (
      before.role === 'admin' &&
      before.status === 'active' &&
      !(await hasAnotherActiveAdmin(trx, viewer.organizationId, personId))
    ) {
      throw new AppError('last_admin', 'The organization needs at least one admin: make someone else admin first')
    }
    const leftOn = body?.leftOn ?? before.left_on ?? today(now)
    await updatePerson(
      trx,
      viewer.organizationId,
      personId,
      {
        status: 'deactivated',
        left_on: leftOn,
        deactivated_at: before.deactivated_at ?? now,
      },
      now,
    )
    await revokeSessionsOfPerson(trx, personId, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      ...auditActorOf(viewer),
      action: 'person.deactivated',
      targetType: 'person',
      targetId: personId,
      details: { leftOn, previousStatus: before.status },
    })
    const after = toPerson(await loadPerson(trx, viewer.organizationId, personId), now)
    await emitWebhookEvents(trx, viewer.organizationId, now, [webhookEvents.personDeactivated(after)])
    return after
  })
}

/** Brings a deactivated person back: active again if they have a password, otherwise invited. */
export async function reactivatePerson(db: Db, viewer: Actor, personId: string, now: Date): Promise<Person> {
  return inTransaction(db, async (trx) => {
    const before = await loadPerson(trx, viewer.organizationId, personId)
    if (before.erased_at) throw new AppError('person_erased', 'This person was erased: erasure cannot be undone')
    if (before.status !== 'deactivated') return toPerson(before, now)
    const status = before.password_hash ? 'active' : 'invited'
    await updatePerson(trx, viewer.organizationId, personId, { status, left_on: null, deactivated_at: null }, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      ...auditActorOf(viewer),
      action: 'person.reactivated',
      targetType: 'person',
      targetId: personId,
      details: { status, previousLeftOn: before.left_on },
    })
    return toPerson(await loadPerson(trx, viewer.organizationId, personId), now)
  })
}

/** What the identity provider sets on a person it creates (SCIM); the rest keeps the organization's defaults. */
export interface DirectoryPersonInput {
  email: string
  name: string
  title?: string
  department?: string
  employeeId?: string | null
  managerId?: string | null
}

/**
 * Creates a person the organization's directory provides (SCIM): a participant without a password, who
 * signs in with single sign-on (or an invitation an admin sends); the same email and manager rules as an edit.
 */
export async function createPersonFromDirectory(
  db: Db,
  actor: Actor,
  input: DirectoryPersonInput,
  now: Date,
): Promise<Person> {
  return inTransaction(db, async (trx) => {
    const email = input.email.toLowerCase()
    // A person who does not exist yet: no existing row is left out of the checks.
    const nobody = '00000000-0000-0000-0000-000000000000'
    if (await isEmailTaken(trx, email, nobody)) {
      throw new AppError('email_taken', 'Another account already uses this email', [
        { path: 'body.email', message: 'is taken' },
      ])
    }
    if (input.employeeId && (await isEmployeeIdTaken(trx, actor.organizationId, input.employeeId, nobody))) {
      throw new AppError('employee_id_taken', 'Another person of the organization has this employee id', [
        { path: 'body.employeeId', message: 'is taken' },
      ])
    }
    if (input.managerId) await assertValidManager(trx, actor.organizationId, nobody, input.managerId)
    const { id } = await insertPersonWithoutPassword(trx, {
      organization_id: actor.organizationId,
      email,
      name: input.name,
      title: input.title ?? '',
      department: input.department ?? '',
      employee_id: input.employeeId ?? null,
      manager_id: input.managerId ?? null,
      created_at: now,
      updated_at: now,
    })
    await recordAuditEvent(trx, {
      organizationId: actor.organizationId,
      actorId: actor.personId,
      address: actor.address,
      action: 'person.provisioned',
      targetType: 'person',
      targetId: id,
      details: { source: 'scim' },
    })
    const person = toPerson(await loadPerson(trx, actor.organizationId, id), now)
    await emitWebhookEvents(trx, actor.organizationId, now, [webhookEvents.personCreated(person)])
    return person
  })
}

/** People of the organization by id, in the API shape (missing ids are left out). */
export async function listPeopleById(db: Db, organizationId: string, personIds: readonly string[], now: Date) {
  const rows = await listPeopleByIds(db, organizationId, personIds)
  return rows.map((row) => toPerson(row, now))
}

/** True when someone other than `personId` is an active admin of the organization (it must always keep one). */
export async function hasAnotherActiveAdmin(db: Db, organizationId: string, personId: string): Promise<boolean> {
  return (await countActiveAdmins(db, organizationId, personId)) > 0
}
