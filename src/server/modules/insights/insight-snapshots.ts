import { AT_RISK_PAGE_SIZE, type AtRiskPage, type AtRiskSort } from '#contracts/insights.ts'
import type { Program } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError } from '#server/http/app-error.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { countStoredAtRisk, listStoredAtRiskPage, replaceAtRiskEntries } from './insight-aggregates.repository.ts'
import {
  type ProgramSums,
  quietSinceOf,
  type SumsProgram,
  sumProgramFigures,
  toAtRiskMatch,
  toStoredAtRisk,
} from './insight-aggregates.ts'
import {
  findSnapshotLocked,
  listPersonNames,
  listProgramsToRefresh,
  listSnapshots,
  upsertSnapshot,
} from './insight-snapshots.repository.ts'

/**
 * Figures that cost nothing to read (issue #14 point 1, decision 029): each program's counts and
 * sums are kept in `program_insight_snapshots`, refreshed by a durable job every 30 s while the
 * program is not archived, so the dashboard and the overview read one row per program and never
 * scan its sessions. A read never serves a snapshot over a minute old or counted with other
 * settings: it counts the program then (and keeps the result), so `asOf` is never more than a
 * minute behind the answer. The privacy threshold and the names are applied when read.
 */

export const INSIGHT_REFRESH_QUEUE = 'insight-refresh'
export const INSIGHT_SWEEP_QUEUE = 'insight-sweep'
/** A snapshot older than this is not served (the bound). */
export const SNAPSHOT_MAX_AGE_MS = 60_000
/** How often a program's snapshot is counted again. */
export const REFRESH_EVERY_MS = 30_000

export interface InsightRefreshJob extends JobData {
  organizationId: string
  programId: string
}

export type InsightSweepJob = JobData

export interface ProgramSnapshot {
  sums: ProgramSums
  asOf: Date
}

/** The program as the sums need it. */
export const sumsProgramOf = (program: Program): SumsProgram => ({
  id: program.id,
  cadenceDays: program.sessionCadenceDays,
  targetSessionCount: program.targetSessionCount,
  focusSkills: program.focusSkills.map((slug) => ({ slug })),
  eligibility: program.eligibility,
})

/** The settings the sums depend on: a snapshot counted with other settings is counted again. */
export const settingsKeyOf = (program: SumsProgram) =>
  JSON.stringify([
    program.cadenceDays,
    program.targetSessionCount,
    program.focusSkills.map((s) => s.slug),
    program.eligibility,
  ])

const parseSums = (sums: unknown) => (typeof sums === 'string' ? JSON.parse(sums) : sums) as ProgramSums

/**
 * Counts a program's figures at `now` and keeps them as its snapshot, with every at-risk match and
 * its place in each order (decision 046), in one transaction. Two refreshes of one program take
 * turns; when a later count was kept meanwhile, that one stays and is returned.
 */
export async function refreshProgramSnapshot(
  db: Db,
  organizationId: string,
  program: SumsProgram,
  now: Date,
): Promise<ProgramSnapshot> {
  const scope = { organizationId, programId: program.id }
  const figures = await sumProgramFigures(db, organizationId, program, now)
  return inTransaction(db, async (trx) => {
    const kept = await findSnapshotLocked(trx, organizationId, program.id)
    if (kept && new Date(kept.as_of).getTime() > now.getTime())
      return { sums: parseSums(kept.sums), asOf: new Date(kept.as_of) }
    await replaceAtRiskEntries(trx, scope, { now, quietSince: quietSinceOf(now, program.cadenceDays) })
    const { total, counts } = await countStoredAtRisk(trx, scope)
    const firstPage = await listStoredAtRiskPage(trx, scope, { sort: 'attention', limit: AT_RISK_PAGE_SIZE, offset: 0 })
    const sums: ProgramSums = { ...figures, atRisk: toStoredAtRisk(total, counts, firstPage) }
    await upsertSnapshot(trx, {
      programId: program.id,
      organizationId,
      asOf: now,
      settingsKey: settingsKeyOf(program),
      sums,
    })
    return { sums, asOf: now }
  })
}

/**
 * Each program's sums from its snapshot when that is at most a minute old and was counted with the
 * program's current settings; otherwise counted now (and kept), so no answer is older than a minute.
 */
export async function readProgramSnapshots(
  db: Db,
  organizationId: string,
  programs: SumsProgram[],
  now: Date,
): Promise<Map<string, ProgramSnapshot>> {
  const stored = new Map(
    (
      await listSnapshots(
        db,
        organizationId,
        programs.map((p) => p.id),
      )
    ).map((row) => [row.program_id, row]),
  )
  const result = new Map<string, ProgramSnapshot>()
  for (const program of programs) {
    const row = stored.get(program.id)
    const asOf = row ? new Date(row.as_of) : null
    const isUsable =
      row !== undefined &&
      asOf !== null &&
      row.settings_key === settingsKeyOf(program) &&
      now.getTime() - asOf.getTime() <= SNAPSHOT_MAX_AGE_MS
    result.set(
      program.id,
      isUsable ? { sums: parseSums(row.sums), asOf } : await refreshProgramSnapshot(db, organizationId, program, now),
    )
  }
  return result
}

/** The current names of the members of the at-risk matches the snapshots list. */
export async function loadAtRiskNames(db: Db, organizationId: string, snapshots: ProgramSnapshot[]) {
  const ids = [...new Set(snapshots.flatMap((s) => s.sums.atRisk.firstPage.flatMap((m) => m.memberIds)))]
  const rows = await listPersonNames(db, organizationId, ids)
  return new Map(rows.map((row) => [row.id, row.name]))
}

/**
 * One page of a program's at-risk matches in one order, from the entries its snapshot kept (at most
 * a minute old, like the dashboard): an index range, whatever the order or the page. The reasons
 * are worded at the snapshot's time, as on the dashboard; the names are the current ones.
 */
export async function loadStoredAtRiskPage(
  db: Db,
  organizationId: string,
  program: SumsProgram,
  now: Date,
  page: { sort: AtRiskSort; limit: number | null; offset: number },
): Promise<AtRiskPage> {
  const snapshot = (await readProgramSnapshots(db, organizationId, [program], now)).get(program.id)
  if (!snapshot) throw new Error(`no snapshot of program ${program.id}`)
  const rows = await listStoredAtRiskPage(db, { organizationId, programId: program.id }, page)
  const { total, countsByReason } = snapshot.sums.atRisk
  return {
    total,
    countsByReason,
    sort: page.sort,
    limit: page.limit ?? total,
    offset: page.offset,
    asOf: snapshot.asOf.toISOString(),
    matches: rows.map((row) => toAtRiskMatch(row, snapshot.asOf, program.cadenceDays)),
  }
}

/** Queues the next refresh of a program, once per program however often it is asked for. */
function queueRefresh(jobs: JobRunner, program: { id: string; organizationId: string; name: string }, at?: Date) {
  return jobs.send<InsightRefreshJob>(
    INSIGHT_REFRESH_QUEUE,
    {
      organizationId: program.organizationId,
      programId: program.id,
      description: `Dashboard figures of ${program.name}`,
    },
    { singletonKey: program.id, ...(at ? { startAfter: at } : {}) },
  )
}

/** The refresh job: counts the program now, then queues its next refresh in 30 s (archived programs stop). */
export async function runInsightRefresh(db: Db, jobs: JobRunner, data: InsightRefreshJob, now: Date): Promise<void> {
  let program: Program
  try {
    program = await loadProgram(db, data.organizationId, data.programId)
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return
    throw error
  }
  if (program.status === 'archived') return
  await refreshProgramSnapshot(db, data.organizationId, sumsProgramOf(program), now)
  await queueRefresh(
    jobs,
    { id: program.id, organizationId: data.organizationId, name: program.name },
    new Date(now.getTime() + REFRESH_EVERY_MS),
  )
}

/**
 * The sweep (every minute) keeps a refresh queued for every program that is not archived: due 30 s
 * after its snapshot was counted, or now when it has none or that is past. A program whose chain
 * is running already has one queued, and the queue keeps one per program, so this adds nothing then.
 */
export async function runInsightSweep(db: Db, jobs: JobRunner, now: Date): Promise<number> {
  const programs = await listProgramsToRefresh(db)
  for (const program of programs) {
    const due = program.as_of === null ? now.getTime() : new Date(program.as_of).getTime() + REFRESH_EVERY_MS
    await queueRefresh(
      jobs,
      { id: program.id, organizationId: program.organization_id, name: program.name },
      due > now.getTime() ? new Date(due) : undefined,
    )
  }
  return programs.length
}
