import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** The snapshots of some of an organization's programs (decision 029). */
export function listSnapshots(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('program_insight_snapshots')
    .select(['program_id', 'as_of', 'settings_key', 'sums'])
    .where('organization_id', '=', organizationId)
    .where('program_id', 'in', programIds)
    .execute()
}

/**
 * A program's kept snapshot, read after taking the program's refresh lock for the rest of the
 * transaction (an advisory lock: the program's row and readers of the snapshot are not blocked).
 */
export async function findSnapshotLocked(db: Db, organizationId: string, programId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`insight-snapshot:${programId}`}, 0))`.execute(db)
  return db
    .selectFrom('program_insight_snapshots')
    .select(['as_of', 'sums'])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .executeTakeFirst()
}

/** Keeps a program's snapshot, unless the stored one was counted later (two refreshes racing). */
export async function upsertSnapshot(
  db: Db,
  row: { programId: string; organizationId: string; asOf: Date; settingsKey: string; sums: unknown },
) {
  await db
    .insertInto('program_insight_snapshots')
    .values({
      program_id: row.programId,
      organization_id: row.organizationId,
      as_of: row.asOf,
      settings_key: row.settingsKey,
      sums: JSON.stringify(row.sums),
    })
    .onConflict((oc) =>
      oc
        .column('program_id')
        .doUpdateSet((eb) => ({
          as_of: eb.ref('excluded.as_of'),
          settings_key: eb.ref('excluded.settings_key'),
          sums: eb.ref('excluded.sums'),
        }))
        .whereRef('program_insight_snapshots.as_of', '<=', 'excluded.as_of'),
    )
    .execute()
}

/** Programs of every organization, archived ones aside, with when their snapshot was counted (null: never). */
export function listProgramsToRefresh(db: Db) {
  return db
    .selectFrom('programs as p')
    .leftJoin('program_insight_snapshots as s', 's.program_id', 'p.id')
    .select(['p.id', 'p.organization_id', 'p.name', 's.as_of'])
    .where('p.status', '<>', 'archived')
    .execute()
}

/** The names of some people of the organization (the at-risk members a snapshot names by id). */
export function listPersonNames(db: Db, organizationId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', personIds)
    .execute()
}
