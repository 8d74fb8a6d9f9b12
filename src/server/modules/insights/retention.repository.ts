import type { Db } from '#server/db/connect.ts'

/** Retention's SQL: ids, statuses and dates only. */

/** Matches that went ahead: their members took part in the program. */
const WENT_AHEAD = ['active', 'completed', 'dissolved'] as const

/** Everyone of the organization with when they left (if they did). */
export function listRetentionPeople(db: Db, organizationId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'status', 'left_on', 'deactivated_at'])
    .where('organization_id', '=', organizationId)
    .execute()
}

/** Who has an enrollment row (any status) in each program. */
export function listEnrolledPeople(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('enrollments')
    .select(['program_id', 'person_id'])
    .where('organization_id', '=', organizationId)
    .where('program_id', 'in', programIds)
    .execute()
}

/** Members of each program's matches that went ahead (published, then active, completed or ended early). */
export function listParticipants(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('matches as m')
    .innerJoin('match_members as mm', (join) =>
      join.onRef('mm.match_id', '=', 'm.id').on('mm.organization_id', '=', organizationId),
    )
    .select(['m.program_id', 'mm.person_id'])
    .distinct()
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', 'in', programIds)
    .where('m.status', 'in', WENT_AHEAD)
    .where('m.published_at', 'is not', null)
    .execute()
}
