import { scimPatch } from 'scim-patch'
import type { Person, UpdatePersonBody } from '#contracts/people.ts'
import { EmailSchema, UpdatePersonBodySchema } from '#contracts/people.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  type Actor,
  createPersonFromDirectory,
  deactivatePerson,
  hasAnotherActiveAdmin,
  listPeopleById,
  reactivatePerson,
  updatePersonAsAdmin,
} from '#server/modules/people/people.service.ts'
import {
  deleteGroup,
  deleteGroupMembershipsOfPerson,
  deleteScimUser as deleteScimUserLink,
  findGroup,
  findScimUser,
  insertGroup,
  listGroupMembers,
  listGroups,
  listScimUserIds,
  markScimUserDeleted,
  replaceGroupMembers,
  updateGroup,
  upsertScimUser,
} from './scim.repository.ts'
import {
  assertIfMatch,
  type GroupFilter,
  invalidValue,
  isUuid,
  type ListQuery,
  listResponse,
  PatchRequestSchema,
  parseGroupFilter,
  parseScim,
  parseUserFilter,
  resourceNotFound,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_GROUP,
  SCHEMA_USER,
  ScimError,
  type ScimGroupInput,
  ScimGroupInputSchema,
  type ScimUserInput,
  ScimUserInputSchema,
  versionOf,
} from './scim-protocol.ts'
import type { ScimClient } from './scim-tokens.service.ts'

/** Where the resources live, for meta.location and manager.$ref. */
export interface ScimContext {
  db: Db
  client: ScimClient
  baseUrl: string
  now: Date
}

/** The identity provider acts for no person: audit events name no actor, only the address. */
const actorOf = (client: ScimClient): Actor => ({
  organizationId: client.organizationId,
  personId: null,
  address: client.address,
})

// ---- users

interface ScimMeta {
  resourceType: string
  created: string
  lastModified: string
  location: string
  version: string
}
type ScimUser = Record<string, unknown> & { id: string; meta: ScimMeta }

function toScimUser(person: Person, externalId: string | null, baseUrl: string): ScimUser {
  const [givenName, ...rest] = person.name.split(' ')
  const resource: Record<string, unknown> = {
    schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER],
    id: person.id,
    ...(externalId ? { externalId } : {}),
    userName: person.email,
    name: { formatted: person.name, givenName: givenName ?? '', familyName: rest.join(' ') },
    displayName: person.name,
    title: person.title,
    active: person.status !== 'deactivated',
    emails: [{ value: person.email, type: 'work', primary: true }],
    [SCHEMA_ENTERPRISE_USER]: {
      department: person.department,
      ...(person.employeeId ? { employeeNumber: person.employeeId } : {}),
      ...(person.managerId
        ? {
            manager: {
              value: person.managerId,
              $ref: `${baseUrl}/Users/${person.managerId}`,
              displayName: person.managerName ?? '',
            },
          }
        : {}),
    },
  }
  const version = versionOf(resource)
  return {
    ...resource,
    id: person.id,
    meta: {
      resourceType: 'User',
      created: person.createdAt,
      lastModified: person.updatedAt,
      location: `${baseUrl}/Users/${person.id}`,
      version,
    },
  }
}

async function loadScimUser(context: ScimContext, personId: string): Promise<{ person: Person; resource: ScimUser }> {
  const { db, client, baseUrl, now } = context
  if (!isUuid(personId)) throw resourceNotFound('User', personId)
  const link = await findScimUser(db, client.organizationId, personId)
  const [person] = link ? await listPeopleById(db, client.organizationId, [personId], now) : []
  if (!link || !person) throw resourceNotFound('User', personId)
  return { person, resource: toScimUser(person, link.external_id, baseUrl) }
}

/** What a User resource says of the person, as Tandem stores it. */
interface UserValues {
  email: string
  name: string
  title: string
  department: string
  employeeId: string | null
  managerId: string | null
  isActive: boolean
  externalId: string | null
}

const workEmailOf = (input: ScimUserInput) =>
  input.emails?.find((email) => email.primary === true)?.value ??
  input.emails?.find((email) => email.type?.toLowerCase() === 'work')?.value ??
  input.emails?.[0]?.value

/**
 * The person's email: userName (Tandem's userName is the email address), or the primary work email when
 * userName is not an address, or when a PATCH changed the email but left userName as it was.
 */
function emailOf(input: ScimUserInput, before?: ScimUserInput): string {
  const isEmailPatched =
    before !== undefined && input.userName === before.userName && workEmailOf(input) !== workEmailOf(before)
  const candidates = isEmailPatched ? [workEmailOf(input), input.userName] : [input.userName, workEmailOf(input)]
  for (const candidate of candidates) {
    const parsed = candidate ? EmailSchema.safeParse(candidate) : undefined
    if (parsed?.success) return parsed.data
  }
  throw invalidValue('userName: must be an email address (or emails must hold one)')
}

/**
 * The person's name: a patched part (given or family name) wins over the unchanged whole, so a PATCH of
 * name.givenName renames; otherwise displayName, then name.formatted, then given and family names.
 */
function nameOf(input: ScimUserInput, before: ScimUserInput | undefined, fallback: string): string {
  const given = input.name?.givenName ?? ''
  const family = input.name?.familyName ?? ''
  const parts = `${given} ${family}`.trim()
  if (before) {
    const wasParts = `${before.name?.givenName ?? ''} ${before.name?.familyName ?? ''}`.trim()
    if (parts && parts !== wasParts) return parts
    if (input.displayName && input.displayName !== before.displayName) return input.displayName
    if (input.name?.formatted && input.name.formatted !== before.name?.formatted) return input.name.formatted
  }
  return input.displayName || input.name?.formatted || parts || fallback
}

function valuesOf(input: ScimUserInput, before?: ScimUserInput): UserValues {
  if (!input.userName) throw invalidValue('userName: is required')
  const enterprise = input[SCHEMA_ENTERPRISE_USER]
  const email = emailOf(input, before)
  const manager = enterprise?.manager
  return {
    email,
    name: nameOf(input, before, email.split('@')[0] ?? email),
    title: input.title ?? '',
    department: enterprise?.department ?? '',
    employeeId: enterprise?.employeeNumber || null,
    managerId: manager ? manager : null,
    isActive: input.active ?? true,
    externalId: input.externalId ?? null,
  }
}

function assertManagerId(managerId: string | null) {
  if (managerId !== null && !isUuid(managerId)) {
    throw invalidValue(`${SCHEMA_ENTERPRISE_USER}:manager: ${managerId.slice(0, 100)} is not a User of this service`)
  }
}

/** Applies a User resource's values to the person through the people service, then links the externalId. */
async function applyUserValues(trx: Db, context: ScimContext, person: Person, values: UserValues) {
  const actor = actorOf(context.client)
  assertManagerId(values.managerId)
  const changes: UpdatePersonBody = {}
  if (values.email !== person.email) changes.email = values.email
  if (values.name !== person.name) changes.name = values.name
  if (values.title !== person.title) changes.title = values.title
  if (values.department !== person.department) changes.department = values.department
  if (values.employeeId !== person.employeeId) changes.employeeId = values.employeeId
  if (values.managerId !== person.managerId) changes.managerId = values.managerId
  if (Object.keys(changes).length > 0) {
    const checked = UpdatePersonBodySchema.safeParse(changes)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      throw invalidValue(`${issue?.path.join('.') ?? 'value'}: ${issue?.message ?? 'is invalid'}`)
    }
    await updatePersonAsAdmin(trx, actor, person.id, checked.data, context.now)
  }
  const isActive = person.status !== 'deactivated'
  // A leaving date of today: the retention figures follow the directory; deactivation ends every session.
  if (isActive && !values.isActive) await deactivateFromDirectory(trx, context, person)
  if (!isActive && values.isActive) await reactivatePerson(trx, actor, person.id, context.now)
  await upsertScimUser(trx, context.client.organizationId, person.id, values.externalId, context.now)
}

/** The organization keeps an active admin: the directory cannot deactivate the last one (nobody could sign in to fix it). */
async function deactivateFromDirectory(trx: Db, context: ScimContext, person: Person) {
  const { organizationId } = context.client
  if (
    person.role === 'admin' &&
    person.status === 'active' &&
    !(await hasAnotherActiveAdmin(trx, organizationId, person.id))
  ) {
    throw invalidValue(
      "active: this person is the organization's last active admin: make someone else admin in Tandem first",
    )
  }
  await deactivatePerson(trx, actorOf(context.client), person.id, undefined, context.now)
}

/** Users of the organization, filtered (userName, externalId, id) and paged. */
export async function listScimUsers(context: ScimContext, query: ListQuery) {
  const { db, client, baseUrl, now } = context
  const filter = query.filter === undefined ? {} : parseUserFilter(query.filter)
  if (filter === null || (filter.id !== undefined && !isUuid(filter.id))) return listResponse([], 0, query.startIndex)
  const { rows, total } = await listScimUserIds(db, client.organizationId, filter, query)
  const people = new Map(
    (
      await listPeopleById(
        db,
        client.organizationId,
        rows.map((row) => row.id),
        now,
      )
    ).map((person) => [person.id, person]),
  )
  const resources = rows.flatMap((row) => {
    const person = people.get(row.id)
    return person ? [toScimUser(person, row.external_id, baseUrl)] : []
  })
  return listResponse(resources, total, query.startIndex)
}

export async function getScimUser(context: ScimContext, personId: string) {
  return (await loadScimUser(context, personId)).resource
}

/** Creates a person from a User (POST /Users); an email already in use is 409 uniqueness. */
export async function createScimUser(context: ScimContext, body: unknown) {
  const input = parseScim(ScimUserInputSchema, body)
  const values = valuesOf(input)
  assertManagerId(values.managerId)
  return inTransaction(context.db, async (trx) => {
    const person = await createPersonFromDirectory(
      trx,
      actorOf(context.client),
      {
        email: values.email,
        name: values.name,
        title: values.title,
        department: values.department,
        employeeId: values.employeeId,
        managerId: values.managerId,
      },
      context.now,
    )
    await applyUserValues(trx, context, person, values)
    return loadScimUser({ ...context, db: trx }, person.id).then((loaded) => loaded.resource)
  })
}

/** Replaces a User's attributes (PUT): those Tandem keeps and the request leaves out are cleared. */
export async function replaceScimUser(context: ScimContext, personId: string, body: unknown, ifMatch?: string) {
  const input = parseScim(ScimUserInputSchema, body)
  return inTransaction(context.db, async (trx) => {
    const current = await loadScimUser({ ...context, db: trx }, personId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    await applyUserValues(trx, context, current.person, valuesOf(input))
    return (await loadScimUser({ ...context, db: trx }, personId)).resource
  })
}

/**
 * Applies PATCH operations (Entra ID's and Okta's dialects) to the User as Tandem shows it, with the
 * scim-patch library, then stores the result like a PUT.
 */
export async function patchScimUser(context: ScimContext, personId: string, body: unknown, ifMatch?: string) {
  const request = parseScim(PatchRequestSchema, body, 'invalidSyntax')
  return inTransaction(context.db, async (trx) => {
    const current = await loadScimUser({ ...context, db: trx }, personId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    const before = parseScim(ScimUserInputSchema, current.resource)
    const patched = applyPatch(current.resource, request.Operations)
    const input = parseScim(ScimUserInputSchema, normalizeManager(patched))
    await applyUserValues(trx, context, current.person, valuesOf(input, before))
    return (await loadScimUser({ ...context, db: trx }, personId)).resource
  })
}

/** After a patch the manager may be a bare id, `{ value }` or `{ value: "" }` (removed). */
function normalizeManager(resource: Record<string, unknown>): Record<string, unknown> {
  const enterprise = resource[SCHEMA_ENTERPRISE_USER] as Record<string, unknown> | undefined
  if (!enterprise || enterprise.manager === undefined) return resource
  const manager = enterprise.manager
  const value = typeof manager === 'object' && manager !== null ? (manager as { value?: unknown }).value : manager
  const rest = { ...enterprise }
  if (value === undefined || value === null || value === '') delete rest.manager
  else rest.manager = value
  return { ...resource, [SCHEMA_ENTERPRISE_USER]: rest }
}

function applyPatch<T extends Record<string, unknown>>(resource: T, operations: unknown[]): T {
  const { meta: _meta, ...withoutMeta } = resource as Record<string, unknown>
  try {
    // scim-patch expects lower-case ops; Entra ID sends "Replace", "Add", "Remove".
    return scimPatch(structuredClone(withoutMeta) as never, operations as never) as unknown as T
  } catch (error) {
    const scimType = (error as { scimType?: string }).scimType
    const message = error instanceof Error ? error.message : 'The operation cannot be applied'
    throw new ScimError(400, message.slice(0, 300), scimType === 'noTarget' ? 'noTarget' : 'invalidPath')
  }
}

/**
 * DELETE /Users/:id: Tandem keeps a person's history, so the person is deactivated (left today, signed
 * out) and no longer listed through SCIM; a later GET is 404.
 */
export async function deleteScimUser(context: ScimContext, personId: string, ifMatch?: string) {
  await inTransaction(context.db, async (trx) => {
    const current = await loadScimUser({ ...context, db: trx }, personId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    if (current.person.status !== 'deactivated') await deactivateFromDirectory(trx, context, current.person)
    await deleteGroupMembershipsOfPerson(trx, context.client.organizationId, personId)
    await markScimUserDeleted(trx, context.client.organizationId, personId, context.now)
  })
}

/** Erasure (data rights): the provider's id of the person and their group memberships go too. */
export async function forgetProvisioningOf(db: Db, organizationId: string, personId: string): Promise<void> {
  await deleteGroupMembershipsOfPerson(db, organizationId, personId)
  await deleteScimUserLink(db, organizationId, personId)
}

// ---- groups

type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>

function toScimGroup(
  group: GroupRow,
  members: Array<{ person_id: string; name: string }> | null,
  baseUrl: string,
): Record<string, unknown> & { meta: ScimMeta } {
  const resource = {
    schemas: [SCHEMA_GROUP],
    id: group.id,
    ...(group.external_id ? { externalId: group.external_id } : {}),
    displayName: group.display_name,
    ...(members
      ? {
          members: members.map((member) => ({
            value: member.person_id,
            display: member.name,
            $ref: `${baseUrl}/Users/${member.person_id}`,
          })),
        }
      : {}),
  }
  return {
    ...resource,
    meta: {
      resourceType: 'Group',
      created: group.created_at.toISOString(),
      lastModified: group.updated_at.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
      version: versionOf({ ...resource, updatedAt: group.updated_at.toISOString() }),
    },
  }
}

async function loadGroup(context: ScimContext, groupId: string) {
  if (!isUuid(groupId)) throw resourceNotFound('Group', groupId)
  const group = await findGroup(context.db, context.client.organizationId, groupId)
  if (!group) throw resourceNotFound('Group', groupId)
  const members = await listGroupMembers(context.db, context.client.organizationId, [groupId])
  return { group, resource: toScimGroup(group, members, context.baseUrl) }
}

export async function listScimGroups(context: ScimContext, query: ListQuery) {
  const { db, client, baseUrl } = context
  const filter: GroupFilter | null = query.filter === undefined ? {} : parseGroupFilter(query.filter)
  const hasBadId = filter && [filter.id, filter.memberId].some((id) => id !== undefined && !isUuid(id))
  if (filter === null || hasBadId) return listResponse([], 0, query.startIndex)
  const { rows, total } = await listGroups(db, client.organizationId, filter, query)
  const members = query.isMembersExcluded
    ? []
    : await listGroupMembers(
        db,
        client.organizationId,
        rows.map((row) => row.id),
      )
  const resources = rows.map((row) =>
    toScimGroup(row, query.isMembersExcluded ? null : members.filter((member) => member.group_id === row.id), baseUrl),
  )
  return listResponse(resources, total, query.startIndex)
}

export async function getScimGroup(context: ScimContext, groupId: string, isMembersExcluded = false) {
  const { group, resource } = await loadGroup(context, groupId)
  if (!isMembersExcluded) return resource
  return toScimGroup(group, null, context.baseUrl)
}

/** The members a group may hold: people of the organization listed through SCIM. */
async function checkedMemberIds(context: ScimContext, input: ScimGroupInput): Promise<string[]> {
  const ids = [...new Set((input.members ?? []).map((member) => member.value))]
  const bad = ids.find((id) => !isUuid(id))
  if (bad) throw invalidValue(`members: ${bad.slice(0, 100)} is not a User of this service`)
  const people = await listPeopleById(context.db, context.client.organizationId, ids, context.now)
  if (people.length !== ids.length) {
    const found = new Set(people.map((person) => person.id))
    throw invalidValue(`members: ${ids.find((id) => !found.has(id))} is not a User of this service`)
  }
  return ids
}

async function auditGroup(trx: Db, context: ScimContext, groupId: string, change: string, memberCount: number) {
  await recordAuditEvent(trx, {
    organizationId: context.client.organizationId,
    actorId: null,
    address: context.client.address,
    action: 'scim_group.changed',
    targetType: 'scim_group',
    targetId: groupId,
    details: { change, memberCount },
  })
}

export async function createScimGroup(context: ScimContext, body: unknown) {
  const input = parseScim(ScimGroupInputSchema, body)
  return inTransaction(context.db, async (trx) => {
    const inner = { ...context, db: trx }
    const members = await checkedMemberIds(inner, input)
    const group = await insertGroup(
      trx,
      {
        organizationId: context.client.organizationId,
        displayName: input.displayName,
        externalId: input.externalId ?? null,
      },
      context.now,
    )
    await replaceGroupMembers(trx, context.client.organizationId, group.id, members)
    await auditGroup(trx, context, group.id, 'created', members.length)
    return (await loadGroup(inner, group.id)).resource
  })
}

async function storeGroup(context: ScimContext, groupId: string, input: ScimGroupInput, change: string) {
  const members = await checkedMemberIds(context, input)
  await updateGroup(
    context.db,
    context.client.organizationId,
    groupId,
    { displayName: input.displayName, externalId: input.externalId ?? null },
    context.now,
  )
  await replaceGroupMembers(context.db, context.client.organizationId, groupId, members)
  await auditGroup(context.db, context, groupId, change, members.length)
  return (await loadGroup(context, groupId)).resource
}

export async function replaceScimGroup(context: ScimContext, groupId: string, body: unknown, ifMatch?: string) {
  const input = parseScim(ScimGroupInputSchema, body)
  return inTransaction(context.db, async (trx) => {
    const inner = { ...context, db: trx }
    const current = await loadGroup(inner, groupId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    return storeGroup(inner, groupId, input, 'replaced')
  })
}

/** PATCH /Groups/:id: members added and removed (Entra ID, Okta), or a new displayName. */
export async function patchScimGroup(context: ScimContext, groupId: string, body: unknown, ifMatch?: string) {
  const request = parseScim(PatchRequestSchema, body, 'invalidSyntax')
  return inTransaction(context.db, async (trx) => {
    const inner = { ...context, db: trx }
    const current = await loadGroup(inner, groupId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    const { members, ...rest } = current.resource as { members?: unknown[] } & Record<string, unknown>
    const patched = applyPatch({ ...rest, members: members ?? [] }, request.Operations.flatMap(memberRemovals))
    return storeGroup(inner, groupId, parseScim(ScimGroupInputSchema, patched), 'patched')
  })
}

/**
 * Entra ID removes members with `{ op: Remove, path: members, value: [{ value: id }] }`; the library
 * removes only items equal to the whole value given, so each becomes `members[value eq "id"]`.
 */
function memberRemovals(operation: { op: string; path?: string; value?: unknown }) {
  if (operation.op !== 'remove' || operation.path?.toLowerCase() !== 'members' || !Array.isArray(operation.value)) {
    return [operation]
  }
  return operation.value.flatMap((member: unknown) => {
    const id = (member as { value?: unknown } | null)?.value
    if (typeof id !== 'string' || !isUuid(id)) return []
    return [{ op: 'remove', path: `members[value eq "${id}"]` }]
  })
}

export async function deleteScimGroup(context: ScimContext, groupId: string, ifMatch?: string) {
  await inTransaction(context.db, async (trx) => {
    const inner = { ...context, db: trx }
    const current = await loadGroup(inner, groupId)
    assertIfMatch(ifMatch, current.resource.meta.version)
    await deleteGroup(trx, context.client.organizationId, groupId)
    await auditGroup(trx, context, groupId, 'deleted', 0)
  })
}
