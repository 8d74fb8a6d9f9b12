import { type ExpressionBuilder, sql } from 'kysely'
import type { AccessStatus } from '#contracts/people.ts'
import type { Db } from '#server/db/connect.ts'
import { containsPattern } from '#server/db/like.ts'
import type { Database, NewPerson, PersonRow, PersonUpdate, Role } from '#server/db/schema.ts'

/** A person row with their manager's name and their newest unused invitation link's expiry, the shape toPerson reads. */
export type PersonWithManagerRow = PersonRow & { manager_name: string | null; invitation_expires_at: Date | null }

export interface PeopleFilters {
  q?: string
  department?: string
  location?: string
  role?: Role
  status?: PersonRow['status']
  /** Access statuses (people.ts personAccessOf), judged at `now`. */
  access?: { statuses: AccessStatus[]; now: Date }
  managerId?: string
}

type PeopleExpressions = ExpressionBuilder<Database & { p: Database['people'] }, 'p'>

/** The person's unused invitation links (a link replaced by a newer one was ended: its expiry is when). */
function unusedInvitationLinks(eb: PeopleExpressions) {
  return eb
    .selectFrom('email_tokens as t')
    .whereRef('t.person_id', '=', 'p.id')
    .whereRef('t.organization_id', '=', 'p.organization_id')
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
}

function invitationExpiresAt(eb: PeopleExpressions) {
  return unusedInvitationLinks(eb)
    .select((inner) => inner.fn.max('t.expires_at').as('expires_at'))
    .as('invitation_expires_at')
}

function selectPeopleWithManager(db: Db, organizationId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('people as m', (join) =>
      join.onRef('m.id', '=', 'p.manager_id').on('m.organization_id', '=', organizationId),
    )
    .where('p.organization_id', '=', organizationId)
}

function applyFilters(filters: PeopleFilters) {
  return (eb: PeopleExpressions) => {
    const conditions = []
    if (filters.q) {
      const pattern = containsPattern(filters.q)
      conditions.push(
        eb.or([eb('p.name', 'ilike', pattern), eb('p.email', 'ilike', pattern), eb('p.title', 'ilike', pattern)]),
      )
    }
    if (filters.department !== undefined) conditions.push(eb('p.department', '=', filters.department))
    if (filters.location !== undefined) conditions.push(eb('p.location', '=', filters.location))
    if (filters.role) conditions.push(eb('p.role', '=', filters.role))
    if (filters.status) conditions.push(eb('p.status', '=', filters.status))
    if (filters.managerId) conditions.push(eb('p.manager_id', '=', filters.managerId))
    if (filters.access) {
      const { statuses, now } = filters.access
      const hasLiveLink = eb.exists(unusedInvitationLinks(eb).select('t.id').where('t.expires_at', '>', now))
      conditions.push(
        eb.or(
          statuses.map((access) =>
            access === 'not_invited'
              ? eb.and([eb('p.status', '=', 'invited'), eb.not(hasLiveLink)])
              : access === 'invited'
                ? eb.and([eb('p.status', '=', 'invited'), hasLiveLink])
                : eb('p.status', '=', access),
          ),
        ),
      )
    }
    return eb.and(conditions)
  }
}

export function findPerson(
  db: Db,
  organizationId: string,
  personId: string,
): Promise<PersonWithManagerRow | undefined> {
  return selectPeopleWithManager(db, organizationId)
    .selectAll('p')
    .select(['m.name as manager_name', invitationExpiresAt])
    .where('p.id', '=', personId)
    .executeTakeFirst()
}

/** Where a page starts: after (or before) the person with this name and id, in name-then-id order. */
export interface PeopleKey {
  name: string
  id: string
}

/**
 * One page of people matching the filters in name-then-id order, after or before a key (keyset
 * paging: the index on organization, name and id reads the page wherever it is), one more than
 * `limit` to tell whether another page follows. Rows come back in name order either way.
 */
export async function listPeoplePage(
  db: Db,
  organizationId: string,
  filters: PeopleFilters,
  page: { limit: number; after?: PeopleKey; before?: PeopleKey },
): Promise<PersonWithManagerRow[]> {
  const isBackwards = page.before !== undefined
  const key = page.after ?? page.before
  const direction = isBackwards ? 'desc' : 'asc'
  const rows = await selectPeopleWithManager(db, organizationId)
    .selectAll('p')
    .select(['m.name as manager_name', invitationExpiresAt])
    .where(applyFilters(filters))
    .$if(key !== undefined, (qb) =>
      qb.where(
        isBackwards
          ? sql<boolean>`(p.name, p.id) < (${key?.name}, ${key?.id}::uuid)`
          : sql<boolean>`(p.name, p.id) > (${key?.name}, ${key?.id}::uuid)`,
      ),
    )
    .orderBy('p.name', direction)
    .orderBy('p.id', direction)
    .limit(page.limit + 1)
    .execute()
  return rows
}

/** How many people match the filters, counting no further than `cap` + 1 (enough to say "cap+"). */
export async function countPeopleUpTo(db: Db, organizationId: string, filters: PeopleFilters, cap: number) {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('people as p')
        .select('p.id')
        .where('p.organization_id', '=', organizationId)
        .where(applyFilters(filters))
        .limit(cap + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  return Number(row.total)
}

/** How many people match the filters in each access status at `now` (the filters' own access status included). */
export async function countPeopleByAccess(
  db: Db,
  organizationId: string,
  filters: PeopleFilters,
  now: Date,
): Promise<Record<AccessStatus, number>> {
  const rows = await db
    .selectFrom('people as p')
    .where('p.organization_id', '=', organizationId)
    .where(applyFilters(filters))
    .select((eb) => [
      eb
        .case()
        .when('p.status', '=', 'invited')
        .then(
          eb
            .case()
            .when(eb.exists(unusedInvitationLinks(eb).select('t.id').where('t.expires_at', '>', now)))
            .then(sql.lit('invited'))
            .else(sql.lit('not_invited'))
            .end(),
        )
        .else(eb.cast<string>('p.status', 'text'))
        .end()
        .as('access'),
      eb.fn.countAll<number>().as('total'),
    ])
    .groupBy('access')
    .execute()
  const counts: Record<AccessStatus, number> = { not_invited: 0, invited: 0, active: 0, deactivated: 0 }
  for (const row of rows) counts[row.access as AccessStatus] = Number(row.total)
  return counts
}

export async function listDistinctValues(db: Db, organizationId: string, column: 'department' | 'location') {
  const rows = await db
    .selectFrom('people')
    .select(column)
    .distinct()
    .where('organization_id', '=', organizationId)
    .where(column, '<>', '')
    .orderBy(column)
    .execute()
  return rows.map((row) => row[column] as string)
}

/** People who manage at least one person of the organization. */
export function listManagers(db: Db, organizationId: string) {
  return db
    .selectFrom('people as m')
    .select(['m.id', 'm.name'])
    .where('m.organization_id', '=', organizationId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('people as r')
          .select('r.id')
          .whereRef('r.manager_id', '=', 'm.id')
          .where('r.organization_id', '=', organizationId),
      ),
    )
    .orderBy('m.name')
    .execute()
}

export function updatePerson(db: Db, organizationId: string, personId: string, changes: PersonUpdate, now: Date) {
  return db
    .updateTable('people')
    .set({ ...changes, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .execute()
}

/** Active admins of the organization, leaving one person out of the count. */
export async function countActiveAdmins(db: Db, organizationId: string, exceptPersonId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '<>', exceptPersonId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The ids above a person in the reporting line, nearest first (stops on a cycle). */
export async function listManagerChain(db: Db, organizationId: string, personId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive chain(id, manager_id, depth) as (
      select id, manager_id, 0 from people where id = ${personId} and organization_id = ${organizationId}
      union
      select p.id, p.manager_id, c.depth + 1
      from people p join chain c on p.id = c.manager_id
      where p.organization_id = ${organizationId} and c.depth < 10000
    )
    select id from chain order by depth`.execute(db)
  return result.rows.map((row) => row.id)
}

export async function isEmailTaken(db: Db, email: string, exceptPersonId: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('id', '<>', exceptPersonId)
    .executeTakeFirst()
  return row !== undefined
}

export async function isEmployeeIdTaken(db: Db, organizationId: string, employeeId: string, exceptPersonId: string) {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('employee_id', '=', employeeId)
    .where('id', '<>', exceptPersonId)
    .executeTakeFirst()
  return row !== undefined
}

/** A person's card for other modules: name, email, role and status. */
export function findPersonCard(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

/** Every active program manager and admin of the organization, by name. */
export function listActiveManagers(db: Db, organizationId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role'])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('role', 'in', ['program_manager', 'admin'])
    .orderBy('name')
    .execute()
}

/** People of the organization by id (any status), the shape toPerson reads. */
export function listPeopleByIds(db: Db, organizationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([] as PersonWithManagerRow[])
  return selectPeopleWithManager(db, organizationId)
    .selectAll('p')
    .select(['m.name as manager_name', invitationExpiresAt])
    .where('p.id', 'in', [...personIds])
    .execute()
}

/** A new person without a password (status invited): they sign in with single sign-on or an invitation. */
export function insertPersonWithoutPassword(db: Db, values: NewPerson) {
  return db
    .insertInto('people')
    .values({ ...values, status: 'invited', password_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow()
}
