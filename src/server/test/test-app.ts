import { type App, buildApp } from '#server/app.ts'
import { type Clock, systemClock } from '#server/clock.ts'
import { type Config, testConfig } from '#server/config.ts'
import type { DatabaseHandle, Db } from '#server/db/connect.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { CSRF_HEADER, hashToken, newToken, SESSION_COOKIE } from '#server/http/viewer.ts'
import { createJobRunner, type JobRunner } from '#server/jobs/job-runner.ts'
import { clockOf, setClockOf } from './test-clock.ts'
import { createTestDb } from './test-db.ts'

export interface TestApp {
  app: App
  db: Db
  database: DatabaseHandle
  config: Config
  /** The app's job queue, started and working: `await t.jobs.drain()` runs every job that is due. */
  jobs: JobRunner
  /** The app's clock: the one passed to createTestApp (a fixedClock to pin or move time), else the system clock. */
  clock: Clock
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Where the app reads the time; factories and sessionHeadersFor on this app's db read it too. */
  clock?: Clock
}

/** The real application on a fresh database, for app.inject tests. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  { clock = systemClock }: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDb()
  setClockOf(database.db, clock)
  const config = testConfig(overrides)
  const jobs = createJobRunner(database, { pollingIntervalSeconds: 0.5, poolSize: 2, clock })
  const app = await buildApp({ config, database, jobs, clock })
  await app.ready()
  await jobs.start()
  return {
    app,
    db: database.db,
    database,
    config,
    jobs,
    clock,
    async close() {
      await app.close()
      await jobs.stop()
      await database.close()
    },
  }
}

/** Signs a person in without the sign-in route: returns the headers a browser would send. */
export async function sessionHeadersFor(db: Db, person: PersonRow): Promise<Record<string, string>> {
  const token = newToken()
  const csrf = newToken()
  await db
    .insertInto('auth_sessions')
    .values({
      id: hashToken(token),
      organization_id: person.organization_id,
      person_id: person.id,
      csrf_token: csrf,
      expires_at: new Date(clockOf(db).now().getTime() + 3_600_000),
    })
    .execute()
  return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrf }
}
