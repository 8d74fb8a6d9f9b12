import type { Db } from '#server/db/connect.ts'
import { containsPattern } from '#server/db/like.ts'
import type { EnrollmentRow, MentoringRole } from '#server/db/schema.ts'

export function findEnrollment(
  db: Db,
  organizationId: string,
  programId: string,
  personId: string,
): Promise<EnrollmentRow | undefined> {
  return db
    .selectFrom('enrollments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

export interface EnrollmentColumns {
  intent: string
  skills_wanted: string[]
  skills_offered: string[]
  mentoring_role: MentoringRole | null
  mentor_capacity: number | null
  answers: unknown
  self_assessment: unknown
  consented_at: Date | null
  enrolled_by: string | null
}

/** Enrolls the person (or updates their enrollment, re-enrolling them if they had withdrawn). */
/** The viewer's enrollments someone else made whose terms they have not accepted, with the program's terms. */
export function listEnrollmentsAwaitingTerms(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('programs as p', (join) =>
      join.onRef('p.id', '=', 'e.program_id').onRef('p.organization_id', '=', 'e.organization_id'),
    )
    .leftJoin('people as by', (join) =>
      join.onRef('by.id', '=', 'e.enrolled_by').onRef('by.organization_id', '=', 'e.organization_id'),
    )
    .select(['p.id as program_id', 'p.name as program_name', 'p.confidentiality_terms', 'by.name as enrolled_by_name'])
    .where('e.organization_id', '=', organizationId)
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'enrolled')
    .where('e.consented_at', 'is', null)
    .where('p.status', '!=', 'archived')
    .orderBy('e.created_at')
    .execute()
}

/** Records the person's acceptance of the program's terms; undefined when they are not enrolled. */
export function updateEnrollmentConsent(
  db: Db,
  organizationId: string,
  programId: string,
  personId: string,
  now: Date,
) {
  return db
    .updateTable('enrollments')
    .set((eb) => ({ consented_at: eb.fn.coalesce('consented_at', eb.val(now)), updated_at: now }))
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('person_id', '=', personId)
    .where('status', '=', 'enrolled')
    .returningAll()
    .executeTakeFirst()
}

export function upsertEnrollment(
  db: Db,
  organizationId: string,
  programId: string,
  personId: string,
  columns: EnrollmentColumns,
  now: Date,
): Promise<EnrollmentRow> {
  const values = {
    ...columns,
    answers: JSON.stringify(columns.answers),
    self_assessment: JSON.stringify(columns.self_assessment),
    status: 'enrolled' as const,
  }
  return db
    .insertInto('enrollments')
    .values({ ...values, organization_id: organizationId, program_id: programId, person_id: personId })
    .onConflict((conflict) =>
      conflict
        .columns(['program_id', 'person_id'])
        .doUpdateSet({ ...values, updated_at: now })
        .where('enrollments.organization_id', '=', organizationId),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface BulkEnrollmentInput {
  personId: string
  skillsWanted: string[]
  skillsOffered: string[]
}

/**
 * Enrolls people on behalf of a program manager; people already enrolled are left as they were.
 * Returns how many rows were enrolled by this call.
 */
export async function insertEnrollments(
  db: Db,
  organizationId: string,
  programId: string,
  people: BulkEnrollmentInput[],
  options: { mentoringRole: MentoringRole | null; mentorCapacity: number | null; enrolledBy: string; now: Date },
): Promise<string[]> {
  if (people.length === 0) return []
  const rows = await db
    .insertInto('enrollments')
    .values(
      people.map((person) => ({
        organization_id: organizationId,
        program_id: programId,
        person_id: person.personId,
        skills_wanted: person.skillsWanted,
        skills_offered: person.skillsOffered,
        mentoring_role: options.mentoringRole,
        mentor_capacity: options.mentorCapacity,
        enrolled_by: options.enrolledBy,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['program_id', 'person_id'])
        .doUpdateSet((eb) => ({
          status: 'enrolled',
          mentoring_role: eb.ref('excluded.mentoring_role'),
          mentor_capacity: eb.ref('excluded.mentor_capacity'),
          enrolled_by: eb.ref('excluded.enrolled_by'),
          updated_at: options.now,
        }))
        .where('enrollments.status', '!=', 'enrolled')
        .where('enrollments.organization_id', '=', organizationId),
    )
    .returning('person_id')
    .execute()
  return rows.map((row) => row.person_id)
}

export async function updateEnrollmentStatus(
  db: Db,
  organizationId: string,
  programId: string,
  personId: string,
  status: EnrollmentRow['status'],
  now: Date,
): Promise<void> {
  await db
    .updateTable('enrollments')
    .set({ status, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('person_id', '=', personId)
    .execute()
}

/** Whether the person is a member of a match of the program that members already see (published or running). */
export async function hasVisibleMatch(db: Db, organizationId: string, programId: string, personId: string) {
  const row = await db
    .selectFrom('match_members as mm')
    .innerJoin('matches as m', 'm.id', 'mm.match_id')
    .select('m.id')
    .where('mm.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', '=', programId)
    .where('mm.person_id', '=', personId)
    .where('m.status', 'in', ['published', 'active'])
    .executeTakeFirst()
  return row !== undefined
}

export interface EnrolledPeopleFilters {
  q?: string
  department?: string
  mentoringRole?: MentoringRole
}

function selectEnrolled(db: Db, organizationId: string, programId: string, filters: EnrolledPeopleFilters) {
  let query = db
    .selectFrom('enrollments as e')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'e.person_id').on('p.organization_id', '=', organizationId),
    )
    .where('e.organization_id', '=', organizationId)
    .where('e.program_id', '=', programId)
    .where('e.status', '=', 'enrolled')
  if (filters.q) {
    const pattern = containsPattern(filters.q)
    query = query.where((eb) =>
      eb.or([eb('p.name', 'ilike', pattern), eb('p.email', 'ilike', pattern), eb('p.title', 'ilike', pattern)]),
    )
  }
  if (filters.department !== undefined) query = query.where('p.department', '=', filters.department)
  if (filters.mentoringRole) query = query.where('e.mentoring_role', '=', filters.mentoringRole)
  return query
}

/** One page of the people enrolled in the program, by name, and how many match the filters. */
export async function listEnrolledPeople(
  db: Db,
  organizationId: string,
  programId: string,
  filters: EnrolledPeopleFilters,
  page: { limit: number; offset: number },
) {
  const [rows, count] = await Promise.all([
    selectEnrolled(db, organizationId, programId, filters)
      .select([
        'e.id as enrollment_id',
        'e.person_id',
        'e.mentoring_role',
        'e.mentor_capacity',
        'e.skills_wanted',
        'e.skills_offered',
        'e.answers',
        'e.consented_at',
        'e.enrolled_by',
        'e.updated_at',
        'p.name',
        'p.email',
        'p.title',
        'p.department',
        'p.seniority',
      ])
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    selectEnrolled(db, organizationId, programId, filters)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

/** Enrolled people of the program per department, largest first. */
export async function countEnrolledByDepartment(db: Db, organizationId: string, programId: string) {
  const rows = await selectEnrolled(db, organizationId, programId, {})
    .select(['p.department', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('p.department')
    .orderBy('count', 'desc')
    .orderBy('p.department')
    .execute()
  return rows.map((row) => ({ department: row.department, count: Number(row.count) }))
}

/** Enrolled people of the program per mentoring role. */
export async function countEnrolledByMentoringRole(db: Db, organizationId: string, programId: string) {
  const rows = await selectEnrolled(db, organizationId, programId, {})
    .select(['e.mentoring_role', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('e.mentoring_role')
    .execute()
  const counts = { enrolled: 0, mentor: 0, mentee: 0 }
  for (const row of rows) {
    counts.enrolled += Number(row.count)
    if (row.mentoring_role) counts[row.mentoring_role] += Number(row.count)
  }
  return counts
}

/** People of the organization by id, with what enrollment needs from their profile. */
export function listPeopleByIds(db: Db, organizationId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'status', 'department', 'skills_wanted', 'skills_offered'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', personIds)
    .execute()
}

/** Everyone enrolled in the program whose account is not deactivated, with the profile fields matching needs. */
export function listEnrolledForMatching(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'e.person_id').on('p.organization_id', '=', organizationId),
    )
    .select([
      'e.id as enrollment_id',
      'e.person_id',
      'e.skills_wanted',
      'e.skills_offered',
      'e.mentoring_role',
      'e.mentor_capacity',
      'e.answers',
      'e.created_at',
      'p.name',
      'p.seniority',
      'p.department',
      'p.manager_id',
      'p.languages',
      'p.time_zone',
      'p.working_hours_start',
      'p.working_hours_end',
      'p.working_days',
    ])
    .where('e.organization_id', '=', organizationId)
    .where('e.program_id', '=', programId)
    .where('e.status', '=', 'enrolled')
    .where('p.status', '!=', 'deactivated')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()
}

/** Every person of the organization and their manager. */
export function listManagerLinkRows(db: Db, organizationId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'manager_id'])
    .where('organization_id', '=', organizationId)
    .orderBy('id')
    .execute()
}
