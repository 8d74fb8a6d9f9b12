import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SessionSchema } from '#contracts/auth.ts'
import { type App, buildApp } from '#server/app.ts'
import { fixedClock } from '#server/clock.ts'
import { testConfig } from '#server/config.ts'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { setClockOf } from '#server/test/test-clock.ts'
import { createTestDb } from '#server/test/test-db.ts'

// Two instances of the app on one database, as behind a load balancer: on PostgreSQL each has its
// own pool and its own listening connection; on the embedded database they share the one PGlite.
const clock = fixedClock(new Date())
let database: DatabaseHandle
let secondDatabase: DatabaseHandle
let first: App
let second: App
const stops: (() => Promise<void>)[] = []
beforeAll(async () => {
  database = await createTestDb()
  setClockOf(database.db, clock)
  secondDatabase =
    database.kind === 'postgres' && database.url
      ? await connectDatabase({ databaseUrl: database.url, dataDir: '' })
      : database
  const apps: App[] = []
  for (const handle of [database, secondDatabase]) {
    const app = await buildApp({
      config: testConfig(),
      database: handle,
      jobs: createJobRunner(handle, { isWorking: false }),
    })
    await app.ready()
    apps.push(app)
  }
  ;[first, second] = apps
})
afterAll(async () => {
  await first?.close()
  await second?.close()
  for (const stop of stops) await stop()
  if (secondDatabase !== database) await secondDatabase.close()
  await database.close()
})

const session = (app: App, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: headers.cookie } })

/**
 * The other instance hears of a change by a notice that travels from the database over its listening
 * connection, a moment after the writer's commit (on PostgreSQL; in-process on the embedded one);
 * the writer's own instance sees it at once. The apps' clock stands still, so no cache entry ever
 * expires here: an answer that changes was told by the notice. Whether it changes is asked until
 * `withinMs` (a bound for a stuck test, not a timing claim).
 */
async function isSeenBy(
  app: App,
  headers: Record<string, string>,
  isSeen: (response: Response) => boolean,
  withinMs = 10_000,
) {
  const deadline = performance.now() + withinMs
  for (;;) {
    if (isSeen(await session(app, headers))) return true
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
type Response = Awaited<ReturnType<typeof session>>
const refused = (response: Response) => response.statusCode === 401

async function signedIn(role: 'participant' | 'program_manager' | 'admin' = 'participant') {
  const db = database.db
  const org = await buildOrganization(db)
  const admin = await buildPerson(db, { organizationId: org.id, role: 'admin' })
  const person = await buildPerson(db, { organizationId: org.id, role })
  const headers = await sessionHeadersFor(db, person)
  // Both instances have looked the session up (and keep it in their cache).
  for (const app of [first, second]) expect((await session(app, headers)).statusCode).toBe(200)
  return { org, person, headers, adminHeaders: await sessionHeadersFor(db, admin) }
}

describe('the session cache across two instances', () => {
  test('a sign-out on one instance is seen by the other on its next request', async () => {
    const { headers } = await signedIn()
    const signOut = await first.inject({ method: 'POST', url: '/api/auth/sign-out', headers })
    expect(signOut.statusCode).toBe(204)
    expect((await session(first, headers)).statusCode).toBe(401)
    expect(await isSeenBy(second, headers, refused)).toBe(true)
  })

  test('a deactivation on one instance is seen by the other on its next request', async () => {
    const { person, headers, adminHeaders } = await signedIn()
    const deactivated = await first.inject({
      method: 'POST',
      url: `/api/people/${person.id}/deactivate`,
      headers: adminHeaders,
    })
    expect(deactivated.statusCode).toBe(200)
    expect((await session(first, headers)).statusCode).toBe(401)
    expect(await isSeenBy(second, headers, refused)).toBe(true)
  })

  test('a role change on one instance is seen by the other on its next request', async () => {
    const { person, headers, adminHeaders } = await signedIn('program_manager')
    const changed = await first.inject({
      method: 'PATCH',
      url: `/api/people/${person.id}`,
      headers: adminHeaders,
      payload: { role: 'participant' },
    })
    expect(changed.statusCode).toBe(200)
    const isParticipant = (response: Response) =>
      response.statusCode === 200 && SessionSchema.parse(response.json()).viewer.role === 'participant'
    expect(isParticipant(await session(first, headers))).toBe(true)
    expect(await isSeenBy(second, headers, isParticipant)).toBe(true)
  })

  test("a person's sessions deleted (as an erasure does) are forgotten by both instances at once", async () => {
    const { person, headers } = await signedIn()
    await database.db.deleteFrom('auth_sessions').where('person_id', '=', person.id).execute()
    expect((await session(first, headers)).statusCode).toBe(401)
    expect(await isSeenBy(second, headers, refused)).toBe(true)
  })

  test('the cache serves the lookup: a change the database does not announce stays unseen, an announced one is seen', async () => {
    const { person, headers } = await signedIn('admin')
    const db = database.db
    // With the notices switched off, a revocation made behind the app's back is not seen: the
    // second instance answers from memory (so the tests above rely on the notices, not on a miss).
    await sql`alter table auth_sessions disable trigger user`.execute(db)
    try {
      await sql`update auth_sessions set revoked_at = now() where person_id = ${person.id}`.execute(db)
      expect(await isSeenBy(second, headers, refused, 1_000)).toBe(false)
      expect((await session(first, headers)).statusCode).toBe(200)
    } finally {
      await sql`alter table auth_sessions enable trigger user`.execute(db)
    }
    // Announced (any statement, from any client): forgotten at once.
    await sql`update auth_sessions set expires_at = expires_at - interval '1 second' where person_id = ${person.id}`.execute(
      db,
    )
    expect((await session(first, headers)).statusCode).toBe(401)
    expect(await isSeenBy(second, headers, refused)).toBe(true)
  })
})
