import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { ExistingPerson, ExportPerson, TargetPerson } from './people-csv.ts'

// Bulk SQL for imports: every statement carries a whole batch as one jsonb parameter, so 10,000
// rows cost a handful of round trips and no parameter-count limit applies.

const recordColumns = sql.raw(`email text, employee_id text, name text, title text, department text, location text,
  time_zone text, languages text[], seniority int, skills_offered text[], skills_wanted text[],
  working_hours_start text, working_hours_end text, working_days int[], role text, status text, left_on date`)

/** Everyone of the organization, as much as an import compares. */
export function listPeopleForImport(db: Db, organizationId: string): Promise<ExistingPerson[]> {
  return db
    .selectFrom('people')
    .select([
      'id',
      'email',
      'employee_id',
      'name',
      'title',
      'department',
      'location',
      'time_zone',
      'languages',
      'seniority',
      'manager_id',
      'skills_offered',
      'skills_wanted',
      'working_hours_start',
      'working_hours_end',
      'working_days',
      'role',
      'status',
      'left_on',
    ])
    .select(sql<boolean>`password_hash is not null`.as('has_password'))
    .where('organization_id', '=', organizationId)
    .execute()
}

/** The emails among `emails` (lowercase) that accounts of other organizations use. */
export async function listEmailsInOtherOrganizations(
  db: Db,
  organizationId: string,
  emails: string[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set()
  const result = await sql<{ email: string }>`
    select lower(email) as email from people
    where organization_id <> ${organizationId}
      and lower(email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`.execute(db)
  return new Set(result.rows.map((row) => row.email))
}

export async function insertImportedPeople(
  db: Db,
  organizationId: string,
  people: TargetPerson[],
  now: Date,
): Promise<Array<{ id: string; email: string }>> {
  if (people.length === 0) return []
  const result = await sql<{ id: string; email: string }>`
    insert into people (organization_id, email, employee_id, name, title, department, location, time_zone, languages,
      seniority, skills_offered, skills_wanted, working_hours_start, working_hours_end, working_days, role, status,
      left_on, deactivated_at)
    select ${organizationId}, v.email, v.employee_id, v.name, v.title, v.department, v.location, v.time_zone,
      v.languages, v.seniority, v.skills_offered, v.skills_wanted, v.working_hours_start, v.working_hours_end,
      v.working_days, v.role, v.status, v.left_on, case when v.status = 'deactivated' then ${now}::timestamptz end
    from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as v(${recordColumns})
    returning id, email`.execute(db)
  return result.rows
}

export async function updateImportedPeople(
  db: Db,
  organizationId: string,
  people: Array<TargetPerson & { id: string }>,
  now: Date,
): Promise<void> {
  if (people.length === 0) return
  await sql`
    update people p set email = v.email, employee_id = v.employee_id, name = v.name, title = v.title,
      department = v.department, location = v.location, time_zone = v.time_zone, languages = v.languages,
      seniority = v.seniority, skills_offered = v.skills_offered, skills_wanted = v.skills_wanted,
      working_hours_start = v.working_hours_start, working_hours_end = v.working_hours_end,
      working_days = v.working_days, role = v.role, status = v.status, left_on = v.left_on,
      deactivated_at = case when v.status = 'deactivated' then coalesce(p.deactivated_at, ${now}::timestamptz) end,
      updated_at = ${now}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as v(id uuid, ${recordColumns})
    where p.id = v.id and p.organization_id = ${organizationId}`.execute(db)
}

export async function updateManagers(
  db: Db,
  organizationId: string,
  changes: Array<{ id: string; manager_id: string | null }>,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return
  await sql`
    update people p set manager_id = v.manager_id, updated_at = ${now}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as v(id uuid, manager_id uuid)
    where p.id = v.id and p.organization_id = ${organizationId}`.execute(db)
}

// The auth service revokes one person at a time; an import may mark thousands as left, so this is
// the bulk form of auth's revokeSessionsOfPerson (same rule: every live session gets revoked_at).
export async function revokeSessionsOfMany(db: Db, personIds: string[], now: Date): Promise<void> {
  if (personIds.length === 0) return
  await sql`
    update auth_sessions set revoked_at = ${now}::timestamptz
    where revoked_at is null
      and person_id in (select (jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb))::uuid)`.execute(db)
}

export function insertPeopleImport(
  db: Db,
  values: { organizationId: string; createdBy: string; fileName: string; rows: unknown; report: unknown },
) {
  return db
    .insertInto('people_imports')
    .values({
      organization_id: values.organizationId,
      created_by: values.createdBy,
      file_name: values.fileName,
      rows: JSON.stringify(values.rows),
      report: JSON.stringify(values.report),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function findPeopleImport(
  db: Db,
  organizationId: string,
  importId: string,
  options: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom('people_imports')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', importId)
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

export function updatePeopleImport(
  db: Db,
  organizationId: string,
  importId: string,
  changes: { report: unknown; status?: 'applied'; appliedAt: Date },
) {
  return db
    .updateTable('people_imports')
    .set({
      report: JSON.stringify(changes.report),
      ...(changes.status ? { status: changes.status, applied_at: changes.appliedAt } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', importId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Everyone of the organization in export order (name, then email), with their manager's email. */
export function listPeopleForExport(db: Db, organizationId: string): Promise<ExportPerson[]> {
  return db
    .selectFrom('people as p')
    .leftJoin('people as m', (join) =>
      join.onRef('m.id', '=', 'p.manager_id').on('m.organization_id', '=', organizationId),
    )
    .select([
      'p.email',
      'p.employee_id',
      'p.name',
      'p.title',
      'p.department',
      'p.location',
      'p.time_zone',
      'p.languages',
      'p.seniority',
      'p.skills_offered',
      'p.skills_wanted',
      'p.working_hours_start',
      'p.working_hours_end',
      'p.working_days',
      'p.role',
      'p.status',
      'p.left_on',
      'm.email as manager_email',
    ])
    .where('p.organization_id', '=', organizationId)
    .orderBy('p.name')
    .orderBy('p.email')
    .execute()
}
