import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

// ---- tokens

export function insertScimToken(
  db: Db,
  values: { organizationId: string; tokenHash: string; createdBy: string | null },
  now: Date,
) {
  return db
    .insertInto('scim_tokens')
    .values({
      organization_id: values.organizationId,
      token_hash: values.tokenHash,
      created_by: values.createdBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Ends every live token of the organization; answers how many. */
export async function revokeLiveScimTokens(db: Db, organizationId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('scim_tokens')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export function findLiveScimToken(db: Db, organizationId: string) {
  return db
    .selectFrom('scim_tokens as t')
    .leftJoin('people as p', (join) =>
      join.onRef('p.id', '=', 't.created_by').on('p.organization_id', '=', organizationId),
    )
    .select([
      't.id',
      't.created_at',
      't.last_used_at',
      'p.name as created_by_name',
      'p.erased_at as created_by_erased_at',
    ])
    .where('t.organization_id', '=', organizationId)
    .where('t.revoked_at', 'is', null)
    .orderBy('t.created_at', 'desc')
    .executeTakeFirst()
}

export function findLiveScimTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('scim_tokens')
    .select(['id', 'organization_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export function updateScimTokenLastUsed(db: Db, tokenId: string, now: Date) {
  return db.updateTable('scim_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute()
}

// ---- users (the people module owns the people; this is the provider's link to them)

export interface ScimUserFilters {
  id?: string
  /** Compared case-insensitively, like the email it is. */
  userName?: string
  externalId?: string
}

/** People of the organization the SCIM service lists: never erased, never deleted through SCIM. */
function selectScimPeople(db: Db, organizationId: string, filters: ScimUserFilters) {
  let query = db
    .selectFrom('people as p')
    .leftJoin('scim_users as s', (join) =>
      join.onRef('s.person_id', '=', 'p.id').on('s.organization_id', '=', organizationId),
    )
    .where('p.organization_id', '=', organizationId)
    .where('p.erased_at', 'is', null)
    .where('s.deleted_at', 'is', null)
  if (filters.id !== undefined) query = query.where('p.id', '=', filters.id)
  if (filters.userName !== undefined) query = query.where(sql`lower(p.email)`, '=', filters.userName.toLowerCase())
  if (filters.externalId !== undefined) query = query.where('s.external_id', '=', filters.externalId)
  return query
}

/** One page of person ids (oldest first) and the total matching. */
export async function listScimUserIds(
  db: Db,
  organizationId: string,
  filters: ScimUserFilters,
  page: { offset: number; limit: number },
) {
  const base = selectScimPeople(db, organizationId, filters)
  const [rows, total] = await Promise.all([
    page.limit === 0
      ? Promise.resolve([])
      : base
          .select(['p.id', 's.external_id'])
          .orderBy('p.created_at')
          .orderBy('p.id')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

export function findScimUser(db: Db, organizationId: string, personId: string) {
  return selectScimPeople(db, organizationId, { id: personId }).select(['p.id', 's.external_id']).executeTakeFirst()
}

export function listExternalIds(db: Db, organizationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('scim_users')
    .select(['person_id', 'external_id'])
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', [...personIds])
    .execute()
}

/** Links the person to the provider (its externalId), undeleting a link deleted earlier. */
export function upsertScimUser(db: Db, organizationId: string, personId: string, externalId: string | null, now: Date) {
  return db
    .insertInto('scim_users')
    .values({ person_id: personId, organization_id: organizationId, external_id: externalId, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('person_id').doUpdateSet({ external_id: externalId, deleted_at: null, updated_at: now }),
    )
    .execute()
}

export function markScimUserDeleted(db: Db, organizationId: string, personId: string, now: Date) {
  return db
    .insertInto('scim_users')
    .values({ person_id: personId, organization_id: organizationId, deleted_at: now, updated_at: now })
    .onConflict((conflict) => conflict.column('person_id').doUpdateSet({ deleted_at: now, updated_at: now }))
    .execute()
}

export function deleteGroupMembershipsOfPerson(db: Db, organizationId: string, personId: string) {
  return db
    .deleteFrom('scim_group_members')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
}

export async function deleteScimUser(db: Db, organizationId: string, personId: string) {
  await db
    .deleteFrom('scim_users')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
}

// ---- groups

export interface ScimGroupFilters {
  id?: string
  displayName?: string
  externalId?: string
  memberId?: string
}

function selectGroups(db: Db, organizationId: string, filters: ScimGroupFilters) {
  let query = db.selectFrom('scim_groups as g').where('g.organization_id', '=', organizationId)
  if (filters.id !== undefined) query = query.where('g.id', '=', filters.id)
  if (filters.displayName !== undefined) {
    query = query.where(sql`lower(g.display_name)`, '=', filters.displayName.toLowerCase())
  }
  if (filters.externalId !== undefined) query = query.where('g.external_id', '=', filters.externalId)
  const memberId = filters.memberId
  if (memberId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('scim_group_members as m')
          .select('m.person_id')
          .whereRef('m.group_id', '=', 'g.id')
          .where('m.person_id', '=', memberId),
      ),
    )
  }
  return query
}

export async function listGroups(
  db: Db,
  organizationId: string,
  filters: ScimGroupFilters,
  page: { offset: number; limit: number },
) {
  const base = selectGroups(db, organizationId, filters)
  const [rows, total] = await Promise.all([
    page.limit === 0
      ? Promise.resolve([])
      : base.selectAll('g').orderBy('g.created_at').orderBy('g.id').offset(page.offset).limit(page.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

export function findGroup(db: Db, organizationId: string, groupId: string) {
  return selectGroups(db, organizationId, { id: groupId }).selectAll('g').executeTakeFirst()
}

export function insertGroup(
  db: Db,
  values: { organizationId: string; displayName: string; externalId: string | null },
  now: Date,
) {
  return db
    .insertInto('scim_groups')
    .values({
      organization_id: values.organizationId,
      display_name: values.displayName,
      external_id: values.externalId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateGroup(
  db: Db,
  organizationId: string,
  groupId: string,
  values: { displayName: string; externalId: string | null },
  now: Date,
) {
  return db
    .updateTable('scim_groups')
    .set({ display_name: values.displayName, external_id: values.externalId, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', groupId)
    .execute()
}

export function deleteGroup(db: Db, organizationId: string, groupId: string) {
  return db
    .deleteFrom('scim_groups')
    .where('organization_id', '=', organizationId)
    .where('id', '=', groupId)
    .executeTakeFirst()
}

/** Members of the groups, with the name shown as each member's display. */
export function listGroupMembers(db: Db, organizationId: string, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('scim_group_members as m')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'm.person_id').on('p.organization_id', '=', organizationId),
    )
    .select(['m.group_id', 'm.person_id', 'p.name'])
    .where('m.organization_id', '=', organizationId)
    .where('m.group_id', 'in', [...groupIds])
    .orderBy('p.name')
    .execute()
}

/** Sets a group's members to exactly these people (of the organization: the caller checked). */
export async function replaceGroupMembers(
  db: Db,
  organizationId: string,
  groupId: string,
  personIds: readonly string[],
) {
  await db
    .deleteFrom('scim_group_members')
    .where('organization_id', '=', organizationId)
    .where('group_id', '=', groupId)
    .execute()
  if (personIds.length === 0) return
  await db
    .insertInto('scim_group_members')
    .values(personIds.map((personId) => ({ group_id: groupId, person_id: personId, organization_id: organizationId })))
    .execute()
}
