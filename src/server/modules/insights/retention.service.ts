import type { RetentionReport } from '#contracts/insights.ts'
import type { Db } from '#server/db/connect.ts'
import { notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { getOrganization } from '#server/modules/organizations/organizations.service.ts'
import { listProgramsForViewer } from '#server/modules/programs/programs.service.ts'
import { groupBy } from './group-by.ts'
import { listEnrolledPeople, listParticipants, listRetentionPeople } from './retention.repository.ts'
import { computeProgramRetention, type RetentionPerson } from './retention.ts'
import { retentionCsv } from './retention-csv.ts'

const isoDay = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString().slice(0, 10)

function idsByProgram(rows: { program_id: string; person_id: string }[]): Map<string, string[]> {
  return groupBy(
    rows,
    (row) => row.program_id,
    (row) => row.person_id,
  )
}

/**
 * Retention of participants against non-participants at 6 and 12 months, per program (definitions in
 * retention.ts). Like the organization overview: program managers and admins only; anyone else is
 * told it does not exist.
 */
export async function getRetentionReport(db: Db, viewer: Viewer, now: Date): Promise<RetentionReport> {
  if (!hasRole(viewer, 'program_manager')) throw notFound('Insights')
  const org = viewer.organizationId
  const [{ programs }, organization, rows] = await Promise.all([
    listProgramsForViewer(db, viewer, now),
    getOrganization(db, viewer),
    listRetentionPeople(db, org),
  ])
  const ids = programs.map((p) => p.id)
  const [enrolled, participants] = await Promise.all([
    listEnrolledPeople(db, org, ids).then(idsByProgram),
    listParticipants(db, org, ids).then(idsByProgram),
  ])
  // A deactivated person without a leaving date left on the day they were deactivated.
  const people: RetentionPerson[] = rows.map((row) => ({
    id: row.id,
    leftOn: row.left_on ?? (row.status === 'deactivated' && row.deactivated_at ? isoDay(row.deactivated_at) : null),
  }))
  const today = isoDay(now)
  const threshold = organization.aggregateThreshold
  return {
    generatedAt: now.toISOString(),
    today,
    threshold,
    hasLeavers: people.some((p) => p.leftOn !== null && p.leftOn <= today),
    programs: programs.map((program) =>
      computeProgramRetention(
        {
          id: program.id,
          name: program.name,
          type: program.type,
          status: program.status,
          startsOn: program.startsOn,
          enrolledPersonIds: enrolled.get(program.id) ?? [],
          participantPersonIds: participants.get(program.id) ?? [],
        },
        people,
        today,
        threshold,
      ),
    ),
  }
}

/** The retention table as CSV (hidden figures stay hidden). */
export async function exportRetentionCsv(
  db: Db,
  viewer: Viewer,
  now: Date,
): Promise<{ filename: string; csv: string }> {
  const report = await getRetentionReport(db, viewer, now)
  return { filename: `insights-retention-${report.today}.csv`, csv: retentionCsv(report) }
}
