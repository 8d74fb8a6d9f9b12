import { z } from 'zod'
import { MatchingRunStatusSchema } from './matching.ts'

/** One background queue, as operators watch it: jobs by state and how long the oldest due one has waited. */
export const SystemQueueSchema = z.object({
  queue: z.string(),
  waiting: z.number().int(),
  deferred: z.number().int(),
  retry: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
  oldestWaitingSeconds: z.number().int(),
})

/** A running Tandem process: its heartbeat comes every half minute; `isCurrent` is the one answering. */
export const SystemInstanceSchema = z.object({
  id: z.uuid(),
  hostname: z.string(),
  pid: z.number().int(),
  version: z.string(),
  isJobWorker: z.boolean(),
  startedAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  isCurrent: z.boolean(),
})

/**
 * The System page for admins (issue #16, point 4): the instance-wide facts an operator checks
 * (version, uptime, database, migrations, queues, instances), and the admin's own organization's
 * emails of the last 24 hours and latest matching runs. Counts and times only.
 */
export const SystemStatusSchema = z.object({
  version: z.string(),
  nodeVersion: z.string(),
  startedAt: z.iso.datetime(),
  uptimeSeconds: z.number().int(),
  database: z.object({
    kind: z.enum(['embedded', 'postgresql']),
    sizeBytes: z.number().int().nullable(),
    migrationsApplied: z.number().int(),
    latestMigration: z.string().nullable(),
  }),
  queues: z.array(SystemQueueSchema),
  emailsLast24Hours: z.object({
    queued: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
  }),
  matchingRuns: z.array(
    z.object({
      id: z.uuid(),
      programId: z.uuid(),
      programName: z.string(),
      runNumber: z.number().int(),
      status: MatchingRunStatusSchema,
      startedAt: z.iso.datetime().nullable(),
      finishedAt: z.iso.datetime().nullable(),
      durationSeconds: z.number().nullable(),
    }),
  ),
  instances: z.array(SystemInstanceSchema),
  generatedAt: z.iso.datetime(),
})
export type SystemStatus = z.infer<typeof SystemStatusSchema>
