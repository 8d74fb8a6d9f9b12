import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SystemStatusSchema } from '#contracts/system.ts'
import { fixedClock } from '#server/clock.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { HEARTBEAT_INTERVAL_MS, INSTANCE_FORGOTTEN_AFTER_MS } from './system.service.ts'

// Administration > System (issue #16, point 4): what an operator checks, for admins only.
const clock = fixedClock('2027-06-01T08:00:00Z')
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({}, { clock })
})
afterAll(() => t.close())

async function admin() {
  const org = await buildOrganization(t.db)
  const person = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  return { org, headers: await sessionHeadersFor(t.db, person) }
}

function status(headers: Record<string, string>) {
  return t.app.inject({ method: 'GET', url: '/api/admin/system', headers })
}

describe('the system page', () => {
  test('says the version, the database with its migrations, the queues and this instance', async () => {
    const { headers } = await admin()
    clock.advance(90_000)
    const response = await status(headers)
    expect(response.statusCode, response.body).toBe(200)
    const body = SystemStatusSchema.parse(response.json())
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(90)
    expect(body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgresql' : 'embedded')
    expect(body.database.sizeBytes).toBeGreaterThan(0)
    expect(body.database.migrationsApplied).toBeGreaterThan(10)
    expect(body.database.latestMigration).toMatch(/^\d{4}_/)
    expect(body.queues.map((queue) => queue.queue)).toContain('matching-run')
    expect(body.instances.filter((instance) => instance.isCurrent)).toHaveLength(1)
  })

  test("counts the organization's emails of the last day and lists its latest matching runs, never another's", async () => {
    const mine = await admin()
    const theirs = await admin()
    const program = await buildProgram(t.db, { organizationId: mine.org.id, name: 'Peers of June' })
    const started = new Date(clock.now().getTime() - 5000)
    await t.db
      .insertInto('matching_runs')
      .values({
        organization_id: mine.org.id,
        program_id: program.id,
        run_number: 1,
        status: 'succeeded',
        settings: JSON.stringify({}),
        started_at: started,
        finished_at: new Date(started.getTime() + 2500),
      })
      .execute()
    await t.db
      .insertInto('outbox_emails')
      .values([
        {
          organization_id: mine.org.id,
          to_address: 'a@example.test',
          subject: 'Sent',
          transport: 'smtp',
          text_body: 'x',
          html_body: null,
          error: null,
          sent_at: clock.now(),
        },
        {
          organization_id: mine.org.id,
          to_address: 'b@example.test',
          subject: 'Failed',
          transport: 'smtp',
          text_body: 'x',
          html_body: null,
          error: 'ECONNREFUSED',
          sent_at: null,
        },
        {
          organization_id: mine.org.id,
          to_address: 'c@example.test',
          subject: 'Waiting',
          transport: 'smtp',
          text_body: 'x',
          html_body: null,
          error: null,
          sent_at: null,
        },
      ])
      .execute()

    const body = SystemStatusSchema.parse((await status(mine.headers)).json())
    expect(body.emailsLast24Hours).toEqual({ sent: 1, failed: 1, queued: 1 })
    expect(body.matchingRuns).toEqual([
      expect.objectContaining({
        programName: 'Peers of June',
        runNumber: 1,
        status: 'succeeded',
        durationSeconds: 2.5,
      }),
    ])
    const other = SystemStatusSchema.parse((await status(theirs.headers)).json())
    expect(other.emailsLast24Hours).toEqual({ sent: 0, failed: 0, queued: 0 })
    expect(other.matchingRuns).toEqual([])
  })

  test('lists another running instance, and forgets one that stopped beating', async () => {
    const { headers } = await admin()
    await t.db
      .insertInto('instance_heartbeats')
      .values({
        id: '00000000-0000-4000-8000-00000000beef',
        hostname: 'tandem-2',
        pid: 4242,
        version: '0.1.0',
        is_job_worker: false,
        started_at: clock.now(),
        last_seen_at: clock.now(),
      })
      .execute()
    let body = SystemStatusSchema.parse((await status(headers)).json())
    expect(body.instances.map((instance) => [instance.hostname, instance.isCurrent])).toContainEqual([
      'tandem-2',
      false,
    ])
    // This instance keeps beating; the other one does not.
    clock.advance(INSTANCE_FORGOTTEN_AFTER_MS + HEARTBEAT_INTERVAL_MS)
    await t.app.inject({ method: 'GET', url: '/healthz' })
    body = SystemStatusSchema.parse((await status(headers)).json())
    expect(body.instances.map((instance) => instance.hostname)).not.toContain('tandem-2')
  })

  test('only admins may look', async () => {
    const { org } = await admin()
    const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    expect((await status(await sessionHeadersFor(t.db, manager))).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/system' })).statusCode).toBe(401)
  })
})
