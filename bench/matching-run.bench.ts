/**
 * A matching run through the real server: 10,000 enrolled people (generated, inserted in batches),
 * POST /api/programs/:id/matching-runs, the engine in its worker thread. It times the run and, while
 * the run works, the latency of GET /healthz and of a database-backed GET, against the same requests
 * on the idle server measured just before (p50 and p99, as ratios).
 *
 * Environment: RUN_PEOPLE (default 10000), RUN_TYPE (peer, the default, or mentoring: one enrollee in
 * nine a mentor with capacity 1-3), TEST_DATABASE_URL (PostgreSQL; PGlite in memory without it).
 * Run: npm run bench matching-run   or   node bench/matching-run.bench.ts
 */
import type { AddressInfo } from 'node:net'
import { Worker } from 'node:worker_threads'
import { buildApp } from '#server/app.ts'
import { testConfig } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { random } from './bench-data.ts'

const ZONES = ['Europe/Paris', 'Europe/London', 'America/New_York', 'America/Chicago', 'Asia/Kolkata', 'Europe/Berlin']
const DEPARTMENTS = ['Engineering', 'Sales', 'Design', 'Finance', 'People', 'Marketing', 'Operations', 'Legal']
const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'hi']
const SKILLS = Array.from({ length: 40 }, (_, i) => `skill-${i}`)

async function insertPeopleAndEnrollments(
  db: Db,
  organizationId: string,
  programId: string,
  count: number,
  isMentoring: boolean,
) {
  const next = random(42)
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]
  const sample = (items: string[], k: number) => [...new Set(Array.from({ length: k }, () => pick(items)))]
  const ids: string[] = []
  const BATCH = 1000
  for (let start = 0; start < count; start += BATCH) {
    const rows = []
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      // a tree: everyone reports to someone hired before them, about 8 reports each
      const manager = i === 0 ? null : ids[Math.floor((i - 1) / 8)]
      const zone = pick(ZONES)
      rows.push({
        organization_id: organizationId,
        email: `bench-${i}@bench.test`,
        name: `Person ${i}`,
        status: 'active' as const,
        department: pick(DEPARTMENTS),
        time_zone: zone,
        languages: zone === 'Asia/Kolkata' ? ['en', 'hi'] : sample(LANGUAGES, 2).concat('en'),
        seniority: 1 + Math.floor(next() * 8),
        manager_id: manager,
        working_hours_start: pick(['08:00', '09:00', '10:00']),
        working_hours_end: pick(['16:00', '17:00', '18:00']),
      })
    }
    const inserted = await db.insertInto('people').values(rows).returning('id').execute()
    ids.push(...inserted.map((row) => row.id))
    await db
      .insertInto('enrollments')
      .values(
        inserted.map((row) => ({
          organization_id: organizationId,
          program_id: programId,
          person_id: row.id,
          skills_wanted: sample(SKILLS, 3),
          skills_offered: sample(SKILLS, 3),
          ...(isMentoring
            ? next() < 1 / 9
              ? { mentoring_role: 'mentor' as const, mentor_capacity: 1 + Math.floor(next() * 3) }
              : { mentoring_role: 'mentee' as const }
            : {}),
          consented_at: new Date(),
        })),
      )
      .execute()
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function timeGet(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  return performance.now() - started
}

/**
 * The load: sequential GETs alternating between the two URLs, from a worker thread with its own event
 * loop, so the client's timing is not held up by the server's work on the main thread.
 */
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads')
let isStopped = false
parentPort.on('message', () => { isStopped = true })
const time = async (url, headers) => {
  const started = performance.now()
  const response = await fetch(url, { headers })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(url + ': ' + response.status)
  return performance.now() - started
}
;(async () => {
  const health = []
  const db = []
  const until = workerData.ms ? performance.now() + workerData.ms : Infinity
  while (!isStopped && performance.now() < until) {
    health.push(await time(workerData.health, {}))
    db.push(await time(workerData.db, workerData.headers))
  }
  parentPort.postMessage({ health, db })
})()
`

function startSampler(urls: { health: string; db: string }, headers: Record<string, string>, ms?: number) {
  const worker = new Worker(SAMPLER, { eval: true, workerData: { ...urls, headers, ms } })
  const result = new Promise<{ health: number[]; db: number[] }>((resolve, reject) => {
    worker.once('message', (message) => {
      resolve(message)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
  return { stop: () => worker.postMessage('stop'), result }
}

export async function runMatchingRunBench(
  options: { people?: number; type?: 'peer' | 'mentoring'; log?: (line: string) => void } = {},
) {
  const people = options.people ?? Number(process.env.RUN_PEOPLE ?? 10_000)
  const isMentoring = (options.type ?? process.env.RUN_TYPE) === 'mentoring'
  const log = options.log ?? console.log
  const database = await createTestDb()
  const jobs = createJobRunner(database)
  const app = await buildApp({ config: testConfig(), database, jobs })
  await jobs.start()
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const { db } = database
    const org = await buildOrganization(db)
    const manager = await buildPerson(db, { organizationId: org.id, role: 'program_manager' })
    const headers = await sessionHeadersFor(db, manager)
    const program = await buildProgram(db, {
      organizationId: org.id,
      status: 'matching',
      ...(isMentoring ? { type: 'peer_mentoring' as const } : {}),
    })
    let started = performance.now()
    await insertPeopleAndEnrollments(db, org.id, program.id, people, isMentoring)
    log(
      `matching-run: ${people} people and enrollments inserted in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.kind})`,
    )

    const urls = { health: `${base}/healthz`, db: `${base}/api/programs/${program.id}/matching-runs` }
    for (let i = 0; i < 50; i++) await timeGet(urls.db, headers) // warm-up
    const idle = await startSampler(urls, headers, 3000).result

    started = performance.now()
    const response = await fetch(`${base}/api/programs/${program.id}/matching-runs`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    })
    if (response.status !== 202) throw new Error(`start: ${response.status} ${await response.text()}`)
    const run = (await response.json()) as { id: string }
    const sampler = startSampler(urls, headers)
    // The run is the only job: drained, it succeeded or failed (a 10,000-person run takes minutes on PGlite).
    await jobs.drain({ timeoutMs: 30 * 60_000 })
    sampler.stop()
    const busy = await sampler.result
    const runSeconds = (performance.now() - started) / 1000
    const detail = (await (await fetch(`${base}/api/matching-runs/${run.id}`, { headers })).json()) as {
      status: string
      error: string | null
      summary: { matches: number; matchedShare: number; engineMs: number; elapsedMs: number; candidateEdges: number }
    }
    if (detail.status !== 'succeeded') throw new Error(`run ${detail.status}: ${detail.error}`)

    const row = (name: string, idleValues: number[], busyValues: number[]) => {
      const figures = [50, 99].map((p) => {
        const i = percentile(idleValues, p)
        const b = percentile(busyValues, p)
        return `p${p} ${i.toFixed(1)} -> ${b.toFixed(1)} ms (x${(b / i).toFixed(2)})`
      })
      log(`  ${name.padEnd(34)} ${figures.join(', ')}  [${idleValues.length} idle / ${busyValues.length} during]`)
    }
    log(
      `matching-run: ${people} enrollees (${isMentoring ? 'mentoring' : 'peer'}), run ${runSeconds.toFixed(2)} s from POST to stored result (engine ${(detail.summary.engineMs / 1000).toFixed(2)} s in the worker; ${detail.summary.matches} matches, ${(detail.summary.matchedShare * 100).toFixed(1)}% matched, ${detail.summary.candidateEdges} candidate edges)`,
    )
    started = performance.now()
    const review = await fetch(`${base}/api/programs/${program.id}/matches`, { headers })
    const reviewBytes = (await review.arrayBuffer()).byteLength
    log(
      `  review GET /api/programs/:id/matches: ${(performance.now() - started).toFixed(0)} ms, ${(reviewBytes / 1e6).toFixed(1)} MB`,
    )
    log('  latency while the run works vs idle:')
    row('GET /healthz', idle.health, busy.health)
    row('GET /api/programs/:id/matching-runs', idle.db, busy.db)
    return { runSeconds, idle, busy }
  } finally {
    await app.close()
    await jobs.stop()
    await database.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runMatchingRunBench()
