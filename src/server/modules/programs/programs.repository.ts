import type { Insertable, Updateable } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { ProgramRow, ProgramsTable } from '#server/db/schema.ts'

/** A program row with the names toProgram shows. */
export type ProgramWithNamesRow = ProgramRow & { theme_name: string | null; support_contact_name: string | null }

function selectPrograms(db: Db, organizationId: string) {
  return db
    .selectFrom('programs as p')
    .leftJoin('themes as t', (join) =>
      join.onRef('t.id', '=', 'p.theme_id').on('t.organization_id', '=', organizationId),
    )
    .leftJoin('people as s', (join) =>
      join.onRef('s.id', '=', 'p.support_contact_id').on('s.organization_id', '=', organizationId),
    )
    .selectAll('p')
    .select(['t.name as theme_name', 's.name as support_contact_name'])
    .where('p.organization_id', '=', organizationId)
}

export function findProgram(
  db: Db,
  organizationId: string,
  programId: string,
): Promise<ProgramWithNamesRow | undefined> {
  return selectPrograms(db, organizationId).where('p.id', '=', programId).executeTakeFirst()
}

/** Locks the program row until the transaction ends, so concurrent transitions and enrollments serialize. */
export async function lockProgram(db: Db, organizationId: string, programId: string): Promise<boolean> {
  const row = await db
    .selectFrom('programs')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .forUpdate()
    .executeTakeFirst()
  return row !== undefined
}

/** Every program of the organization, newest first. */
export function listPrograms(db: Db, organizationId: string): Promise<ProgramWithNamesRow[]> {
  return selectPrograms(db, organizationId).orderBy('p.created_at', 'desc').orderBy('p.id').execute()
}

/** Every program but drafts, newest first: what a participant may possibly see (eligibility is checked by the service). */
export function listPublishedPrograms(db: Db, organizationId: string): Promise<ProgramWithNamesRow[]> {
  return selectPrograms(db, organizationId)
    .where('p.status', '!=', 'draft')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .execute()
}

/** Enrolled head count per program of the organization. */
export async function countEnrolledByProgram(db: Db, organizationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('enrollments')
    .select(['program_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'enrolled')
    .groupBy('program_id')
    .execute()
  return new Map(rows.map((row) => [row.program_id, Number(row.count)]))
}

/** How many people are enrolled in one program (reads that program's enrollments only). */
export async function countEnrolledInProgram(db: Db, organizationId: string, programId: string): Promise<number> {
  const row = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The person's enrollment status in each program they have an enrollment row in. */
export async function listEnrollmentStatusesOfPerson(db: Db, organizationId: string, personId: string) {
  const rows = await db
    .selectFrom('enrollments')
    .select(['program_id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
  return new Map(rows.map((row) => [row.program_id, row.status]))
}

/** Enrolled people of the program by mentoring role (null: peers). */
export async function countEnrolledByRole(db: Db, organizationId: string, programId: string) {
  const rows = await db
    .selectFrom('enrollments')
    .select(['mentoring_role', (eb) => eb.fn.countAll<number>().as('count')])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', '=', 'enrolled')
    .groupBy('mentoring_role')
    .execute()
  const counts = { total: 0, mentor: 0, mentee: 0 }
  for (const row of rows) {
    const count = Number(row.count)
    counts.total += count
    if (row.mentoring_role) counts[row.mentoring_role] += count
  }
  return counts
}

/** Matches of the program that members can see (published or running). */
export async function countVisibleMatches(db: Db, organizationId: string, programId: string): Promise<number> {
  const row = await db
    .selectFrom('matches')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', 'in', ['published', 'active', 'completed'])
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export function findNextCycle(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'cycle_number'])
    .where('organization_id', '=', organizationId)
    .where('previous_program_id', '=', programId)
    .executeTakeFirst()
}

export function findTheme(db: Db, organizationId: string, themeId: string) {
  return db
    .selectFrom('themes')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', themeId)
    .executeTakeFirst()
}

export function findActivePerson(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst()
}

export type NewProgramColumns = Omit<Insertable<ProgramsTable>, 'organization_id' | 'id' | 'created_at' | 'updated_at'>

export async function insertProgram(db: Db, organizationId: string, columns: NewProgramColumns): Promise<string> {
  const row = await db
    .insertInto('programs')
    .values({ ...columns, organization_id: organizationId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateProgram(
  db: Db,
  organizationId: string,
  programId: string,
  changes: Updateable<ProgramsTable>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('programs')
    .set({ ...changes, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .execute()
}

/** Which of the ids are people of the organization. */
export async function listExistingPersonIds(db: Db, organizationId: string, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', personIds)
    .execute()
  return new Set(rows.map((row) => row.id))
}
