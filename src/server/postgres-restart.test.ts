import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from '#server/test/private-postgres.ts'
import { freePort, startTandem, type TandemProcess, waitForReady } from '#server/test/tandem-process.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'

// Issue #12's first acceptance point, as an operator would try it: two instances of the real server
// (`node src/server/main.ts`) on one PostgreSQL database under writes and reads; every connection to
// the server is terminated, then PostgreSQL itself is stopped for 10 s and started again. The server
// is one of the test's own (initdb in a temporary directory, src/server/test/private-postgres.ts), so
// the machine's shared server is never restarted. About 35 s.

const binDir = process.env.TEST_DATABASE_URL ? postgresBinDir() : null
const OUTAGE_MS = 10_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Answer {
  instance: number
  what: string
  sentAt: number
  answeredAt: number
  status: number
}

describe.skipIf(!binDir)(
  'two instances through a PostgreSQL restart (TEST_DATABASE_URL and PostgreSQL programs only)',
  () => {
    let postgres: PrivatePostgres
    let database: DatabaseHandle

    beforeAll(async () => {
      postgres = await startPrivatePostgres(binDir ?? '')
      database = await createTestDb(postgres.url)
    }, 90_000)
    afterAll(async () => {
      await database?.close().catch(() => {})
      await postgres?.destroy()
    })

    test('every connection terminated, then PostgreSQL down 10 s: neither exits, 503 during, 2xx within 2 s after, every acknowledged write stored once', async () => {
      const { db } = database
      const organization = await buildOrganization(db)
      const program = await buildProgram(db, { organizationId: organization.id, status: 'active' })
      const ana = await buildPerson(db, { organizationId: organization.id })
      const ben = await buildPerson(db, { organizationId: organization.id })
      const match = await buildMatch(db, {
        organizationId: organization.id,
        programId: program.id,
        memberIds: [ana.id, ben.id],
        status: 'active',
      })
      const adminPerson = await buildPerson(db, { organizationId: organization.id, role: 'admin' })
      const anaHeaders = { ...(await sessionHeadersFor(db, ana)), 'content-type': 'application/json' }
      const adminHeaders = { ...(await sessionHeadersFor(db, adminPerson)), 'content-type': 'application/json' }

      const instances: { url: string; server: TandemProcess }[] = []
      for (let i = 0; i < 2; i++) {
        const port = await freePort()
        // Production's settings (connect timeout 5 s), only the log level raised to see the outage lines.
        const server = startTandem({ PORT: String(port), DATABASE_URL: database.url ?? '', LOG_LEVEL: 'info' })
        instances.push({ url: `http://127.0.0.1:${port}`, server })
      }
      let isRunning = true
      let exitCodes: (number | null)[] = []
      try {
        for (const { url, server } of instances) await waitForReady(url, server.child)

        const answers: Answer[] = []
        const acknowledgedNotes: string[] = []
        const acknowledgedSkills: string[] = []
        const problems: string[] = []
        const request = async (instance: number, what: string, path: string, init?: RequestInit) => {
          const sentAt = performance.now()
          const response = await fetch(`${instances[instance].url}${path}`, init)
          const text = await response.text()
          answers.push({ instance, what, sentAt, answeredAt: performance.now(), status: response.status })
          if (response.status === 503) {
            if (JSON.parse(text)?.error?.code !== 'database_unavailable') problems.push(`${what}: 503 ${text}`)
            if (!response.headers.get('retry-after')) problems.push(`${what}: 503 without Retry-After`)
            await sleep(100) // a client that got 503 waits a moment (and the test loads the machine less)
          } else if (response.status >= 300) problems.push(`${what}: ${response.status} ${text}`)
          return response.status
        }
        const loop = async (work: (i: number) => Promise<void>) => {
          try {
            for (let i = 0; isRunning; i++) await work(i)
          } catch (error) {
            problems.push(`no answer: ${error}`) // the instance stopped answering at all (it died)
          }
        }
        // Per instance: two loops writing notes (one statement), two creating skills (a transaction of
        // three statements), one reading; each sends its next request once the last one answered.
        const loops = [0, 1].flatMap((instance) => [
          ...[0, 1].flatMap((w) => [
            loop(async (i) => {
              const body = `note ${instance}-${w}-${i}`
              const status = await request(instance, 'POST note', `/api/matches/${match.id}/notes`, {
                method: 'POST',
                headers: anaHeaders,
                body: JSON.stringify({ body }),
              })
              if (status === 201) acknowledgedNotes.push(body)
            }),
            loop(async (i) => {
              const name = `Skill ${instance}-${w}-${i}`
              const status = await request(instance, 'POST skill', '/api/skills', {
                method: 'POST',
                headers: adminHeaders,
                body: JSON.stringify({ name }),
              })
              if (status === 201) acknowledgedSkills.push(name)
            }),
          ]),
          loop(async () => {
            await request(instance, 'GET notes', `/api/matches/${match.id}/notes`, { headers: anaHeaders })
          }),
        ])
        await sleep(1_500)

        // Fault 1: PostgreSQL terminates every client connection (the apps', pg-boss's) mid-request.
        const admin = new pg.Client({ connectionString: postgres.url })
        await admin.connect()
        const { rows } = await admin.query(
          `select count(pg_terminate_backend(pid))::int as terminated from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid()`,
        )
        await admin.end()
        expect(rows[0].terminated).toBeGreaterThan(2)
        await sleep(1_500)
        const writesBeforeRestart = acknowledgedNotes.length + acknowledgedSkills.length

        // Fault 2: PostgreSQL stopped (a fast shutdown ends every connection) for 10 s, then started.
        await postgres.stop()
        const downAt = performance.now()
        await sleep(OUTAGE_MS / 2)
        for (const { url } of instances) {
          const asked = performance.now()
          const ready = await fetch(`${url}/readyz`)
          expect(performance.now() - asked).toBeLessThan(2_000)
          expect(ready.status).toBe(503)
          expect((await ready.json()).error.code).toBe('database_unavailable')
        }
        await sleep(OUTAGE_MS - (performance.now() - downAt))
        const startingAt = performance.now()
        await postgres.start()
        const upAt = performance.now()
        // Each instance's first 2xx once PostgreSQL accepts connections again.
        const firstSuccessAfter = await Promise.all(
          instances.map(async ({ url }) => {
            while (performance.now() - upAt < 10_000) {
              const response = await fetch(`${url}/api/matches/${match.id}/notes`, { headers: anaHeaders })
              await response.arrayBuffer()
              if (response.ok) return performance.now() - upAt
              await sleep(50)
            }
            return Number.POSITIVE_INFINITY
          }),
        )
        await sleep(2_000)
        isRunning = false
        await Promise.all(loops)

        for (const { server } of instances) expect(server.child.exitCode, server.output()).toBeNull()
        expect(problems).toEqual([])
        expect(
          firstSuccessAfter.every((ms) => ms < 2_000),
          `first 2xx after ${firstSuccessAfter} ms`,
        ).toBe(true)
        // While PostgreSQL was down, every request sent got 503 database_unavailable, from both instances.
        const duringOutage = answers.filter((a) => a.sentAt >= downAt && a.answeredAt <= startingAt)
        for (const instance of [0, 1]) {
          expect(duringOutage.filter((a) => a.instance === instance).length).toBeGreaterThan(10)
        }
        expect(duringOutage.filter((a) => a.status !== 503)).toEqual([])
        // Both instances wrote again after the restart.
        for (const instance of [0, 1]) {
          expect(answers.some((a) => a.instance === instance && a.sentAt > upAt && a.status === 201)).toBe(true)
        }
        expect(acknowledgedNotes.length + acknowledgedSkills.length).toBeGreaterThan(writesBeforeRestart)

        // Every acknowledged write is stored exactly once (one answered 503 may or may not have been).
        const check = new pg.Client({ connectionString: database.url ?? '' })
        await check.connect()
        const notes = await check.query<{ body: string; count: number }>(
          'select body, count(*)::int as count from session_notes where match_id = $1 group by body',
          [match.id],
        )
        const skills = await check.query<{ name: string; count: number }>(
          'select name, count(*)::int as count from skills where organization_id = $1 group by name',
          [organization.id],
        )
        await check.end()
        const noteCounts = new Map(notes.rows.map((row) => [row.body, row.count]))
        const skillCounts = new Map(skills.rows.map((row) => [row.name, row.count]))
        expect(acknowledgedNotes.filter((body) => noteCounts.get(body) !== 1)).toEqual([])
        expect(acknowledgedSkills.filter((name) => skillCounts.get(name) !== 1)).toEqual([])
        expect(notes.rows.filter((row) => row.count !== 1)).toEqual([])

        // Each instance logged its outages in a few lines (not one per failed request) and no stack.
        for (const { server } of instances) {
          const lines = server.output().split('\n')
          const outageLines = lines.filter((line) => line.includes('database unavailable: '))
          expect(outageLines.length).toBeGreaterThanOrEqual(1)
          expect(outageLines.length, outageLines.join('\n')).toBeLessThanOrEqual(3)
          expect(lines.filter((line) => /unexpected error|"level":50|Unhandled/.test(line))).toEqual([])
        }
        const count = (status: number) => answers.filter((a) => a.status === status).length
        console.info(
          `restart test: ${count(200)}×200, ${count(201)}×201, ${count(503)}×503 (${duringOutage.length} while down); ` +
            `${rows[0].terminated} connections terminated; ${acknowledgedNotes.length} notes and ` +
            `${acknowledgedSkills.length} skills acknowledged, each stored once; first 2xx ` +
            `${firstSuccessAfter.map((ms) => ms.toFixed(0)).join(' and ')} ms after PostgreSQL accepted connections`,
        )
      } finally {
        isRunning = false
        await postgres.start().catch(() => {}) // started already unless an assertion came first
        for (const { server } of instances) server.child.kill('SIGTERM')
        exitCodes = await Promise.all(instances.map(({ server }) => server.exited))
      }
      // Both shut down cleanly on SIGTERM afterwards.
      expect(exitCodes).toEqual([0, 0])
    }, 120_000)
  },
)
