import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { MINUTE, SECOND } from '#contracts/durations.ts'
import type { SystemStatus } from '#contracts/system.ts'
import type { Clock } from '#server/clock.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { toIso } from '#server/db/to-iso.ts'
import type { JobRunner } from '#server/jobs/job-runner.ts'
import { TANDEM_VERSION } from '#server/version.ts'
import {
  countEmailsOfLastDay,
  databaseSizeBytes,
  deleteHeartbeat,
  listAppliedMigrations,
  listLatestMatchingRuns,
  listLiveInstances,
  upsertHeartbeat,
} from './system.repository.ts'

/** How often an instance records that it is alive, and how long after its last heartbeat it is forgotten. */
export const HEARTBEAT_INTERVAL_MS = 30 * SECOND
export const INSTANCE_FORGOTTEN_AFTER_MS = 3 * MINUTE

/** This process as an instance: an id of its own, its host and pid, and when it started (the app's clock). */
export interface Instance {
  id: string
  startedAt: Date
}

export function newInstance(clock: Clock): Instance {
  return { id: randomUUID(), startedAt: clock.now() }
}

export async function recordHeartbeat(db: Db, config: Config, instance: Instance, now: Date): Promise<void> {
  await upsertHeartbeat(db, {
    id: instance.id,
    hostname: hostname(),
    pid: process.pid,
    version: TANDEM_VERSION,
    is_job_worker: config.isJobWorker,
    started_at: instance.startedAt,
    last_seen_at: now,
  })
}

export function forgetInstance(db: Db, instance: Instance): Promise<void> {
  return deleteHeartbeat(db, instance.id)
}

/** The System page's facts (SystemStatusSchema): instance-wide, and the admin's organization's emails and runs. */
export async function getSystemStatus(
  db: Db,
  deps: { databaseKind: 'pglite' | 'postgres'; jobs: JobRunner; instance: Instance },
  organizationId: string,
  now: Date,
): Promise<SystemStatus> {
  const { databaseKind, jobs, instance } = deps
  const [sizeBytes, migrations, queues, emails, runs, instances] = await Promise.all([
    databaseSizeBytes(db),
    listAppliedMigrations(db),
    jobs.counts(),
    countEmailsOfLastDay(db, organizationId),
    listLatestMatchingRuns(db, organizationId, 5),
    listLiveInstances(db, new Date(now.getTime() - INSTANCE_FORGOTTEN_AFTER_MS)),
  ])
  return {
    version: TANDEM_VERSION,
    nodeVersion: process.version,
    startedAt: instance.startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - instance.startedAt.getTime()) / 1000)),
    database: {
      kind: databaseKind === 'postgres' ? 'postgresql' : 'embedded',
      sizeBytes,
      migrationsApplied: migrations.length,
      latestMigration: migrations.at(-1) ?? null,
    },
    queues: queues.map((queue) => ({ ...queue })),
    emailsLast24Hours: emails,
    matchingRuns: runs.map((run) => ({
      id: run.id,
      programId: run.program_id,
      programName: run.program_name,
      runNumber: run.run_number,
      status: run.status,
      startedAt: toIso(run.started_at),
      finishedAt: toIso(run.finished_at),
      durationSeconds:
        run.started_at && run.finished_at ? (run.finished_at.getTime() - run.started_at.getTime()) / 1000 : null,
    })),
    instances: instances.map((row) => ({
      id: row.id,
      hostname: row.hostname,
      pid: row.pid,
      version: row.version,
      isJobWorker: row.is_job_worker,
      startedAt: row.started_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      isCurrent: row.id === instance.id,
    })),
    generatedAt: now.toISOString(),
  }
}
