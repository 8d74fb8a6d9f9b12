/**
 * The API's read paths one at a time, on PostgreSQL (issue #14, point 6): API_CONNECTIONS concurrent
 * connections (default 50) for API_SECONDS (default 20) against the real server in a child process
 * (`node src/server/main.ts`, NODE_ENV=production), each of:
 * - GET /api/programs/:id/insights as the program manager (the dashboard),
 * - GET /api/programs/:id as the program manager,
 * - GET /api/matches/:id/workspace as a participant (a different participant's match per request),
 * - GET /healthz with a participant's session cookie, and without one.
 * The organization is the load benchmark's (bench/load.bench.ts: API_PEOPLE people, default 3000;
 * API_MATCHES active matches in one program, default 500). The reference, measured in the same run with
 * the same autocannon settings: a bare Fastify route (no database, no plugins) in its own process,
 * before and after Tandem's runs, and a bare route sending an answer as large as each API answer
 * (so a line tells the cost of the answer's size from the cost of making it). Each line prints req/s, p50, p99, the ratio to
 * the reference and the load average before and after that run.
 *
 * Environment: API_CONNECTIONS, API_SECONDS, API_PEOPLE, API_MATCHES, DATABASE_URL or
 * TEST_DATABASE_URL (the PostgreSQL server to create a fresh database on, dropped afterwards;
 * default postgres://postgres@127.0.0.1:5432/test).
 * Run: npm run bench api   or   API_SECONDS=5 npm run bench api
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { createTestDb } from '#server/test/test-db.ts'
import {
  autocannonVersion,
  type ChildServer,
  drive,
  type LoadResult,
  type PlannedRequest,
  type Summary,
  seedOrganization,
  startReference,
  startTandem,
  statusText,
  summarize,
} from './load.bench.ts'

export interface ApiOptions {
  connections: number
  seconds: number
  people: number
  matches: number
  serverUrl: string
  log?: (line: string) => void
}

export function apiOptionsFromEnv(env = process.env): ApiOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback)
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive whole number, not ${env[name]}`)
    return value
  }
  return {
    connections: number('API_CONNECTIONS', 50),
    seconds: number('API_SECONDS', 20),
    people: number('API_PEOPLE', 3000),
    matches: number('API_MATCHES', 500),
    serverUrl: env.DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  }
}

interface Measured {
  name: string
  summary: Summary
  result: LoadResult
  loadBefore: number[]
  loadAfter: number[]
}

const fmtLoad = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ')
const fmt = (s: Summary) =>
  `${s.rps.toFixed(0).padStart(6)} req/s, p50 ${s.p50.toFixed(1).padStart(6)} ms, p99 ${s.p99.toFixed(1).padStart(7)} ms`

async function measure(
  name: string,
  url: string,
  connections: number,
  seconds: number,
  next: () => PlannedRequest,
): Promise<Measured> {
  const loadBefore = loadavg()
  const result = await drive([{ url, connections, next }], seconds)
  return { name, summary: summarize(result.overall, result.seconds), result, loadBefore, loadAfter: loadavg() }
}

export async function runApiBench(options: ApiOptions = apiOptionsFromEnv()) {
  const log = options.log ?? console.log
  const { connections, seconds } = options
  const handle = await createTestDb(options.serverUrl)
  const databaseUrl = handle.url ?? ''
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-api-'))
  const servers: ChildServer[] = []
  try {
    let started = performance.now()
    const org = await seedOrganization(handle.db, options)
    log(
      `api: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (PostgreSQL): ${org.counts.people} people, ` +
        `${org.counts.matches} active matches in one program, ${org.counts.sessions} past sessions; ` +
        `${connections} connections, ${seconds} s per line; autocannon ${autocannonVersion()}`,
    )

    const bare = (): PlannedRequest => ({ kind: 'bare', method: 'GET', path: '/', headers: {} })
    const runReference = async (name: string) => {
      const reference = await startReference()
      servers.push(reference)
      try {
        return await measure(name, reference.url, connections, seconds, bare)
      } finally {
        await reference.stop()
        servers.splice(servers.indexOf(reference), 1)
      }
    }
    const referenceBefore = await runReference('reference: bare Fastify GET / (before)')

    started = performance.now()
    const tandem = await startTandem(databaseUrl, dataDir)
    servers.push(tandem)
    log(`api: Tandem ready in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const manager = org.managerHeaders
    let turn = 0
    const participant = () => org.participants[turn++ % org.participants.length]
    const targets: [string, () => PlannedRequest][] = [
      [
        'GET /api/programs/:id/insights (manager)',
        () => ({ kind: 'insights', method: 'GET', path: `/api/programs/${org.programId}/insights`, headers: manager }),
      ],
      [
        'GET /api/programs/:id (manager)',
        () => ({ kind: 'program', method: 'GET', path: `/api/programs/${org.programId}`, headers: manager }),
      ],
      [
        'GET /api/matches/:id/workspace (participant)',
        () => {
          const p = participant()
          return { kind: 'workspace', method: 'GET', path: `/api/matches/${p.matchId}/workspace`, headers: p.headers }
        },
      ],
      [
        'GET /healthz with a session cookie',
        () => ({ kind: 'healthz cookie', method: 'GET', path: '/healthz', headers: participant().headers }),
      ],
      ['GET /healthz without a cookie', () => ({ kind: 'healthz', method: 'GET', path: '/healthz', headers: {} })],
    ]
    const measured: Measured[] = []
    /** Each API answer's size in bytes, for a reference that sends as much (healthz lines have none). */
    const sizes = new Map<Measured, number>()
    for (const [name, next] of targets) {
      // a few requests first, so the first line does not pay for cold caches and JIT
      await drive([{ url: tandem.url, connections: Math.min(connections, 10), next }], 1)
      const m = await measure(name, tandem.url, connections, seconds, next)
      measured.push(m)
      const planned = next()
      if (planned.path.startsWith('/api/')) {
        const answer = await fetch(`${tandem.url}${planned.path}`, { headers: planned.headers })
        sizes.set(m, Buffer.byteLength(await answer.text()))
      }
    }
    const exit = await tandem.stop()
    servers.splice(servers.indexOf(tandem), 1)

    // The ceiling for an answer of that size: a bare route sending as many bytes (idle, 2 cores: 7.4 KB
    // still answers about 78% of the bare GET /'s req/s, so the size is not what holds Tandem's lines back).
    const sameSize = new Map<Measured, Measured>()
    if (sizes.size > 0) {
      const reference = await startReference()
      servers.push(reference)
      try {
        for (const [m, bytes] of sizes) {
          const next = (): PlannedRequest => ({ kind: 'bytes', method: 'GET', path: `/bytes/${bytes}`, headers: {} })
          await drive([{ url: reference.url, connections: Math.min(connections, 10), next }], 1)
          sameSize.set(
            m,
            await measure(
              `reference: ${bytes} bytes (as ${m.name.split(' ')[1]})`,
              reference.url,
              connections,
              seconds,
              next,
            ),
          )
        }
      } finally {
        await reference.stop()
        servers.splice(servers.indexOf(reference), 1)
      }
    }

    const referenceAfter = await runReference('reference: bare Fastify GET / (after)')
    const referenceRps = (referenceBefore.summary.rps + referenceAfter.summary.rps) / 2

    const line = (m: Measured, ratio: string) =>
      `  ${m.name.padEnd(46)} ${fmt(m.summary)}  ${ratio.padEnd(9)} load ${fmtLoad(m.loadBefore)} -> ${fmtLoad(m.loadAfter)}  [${statusText(m.result.overall.statuses)}]`
    log(`api: ratio = req/s against the mean of the two reference runs (${referenceRps.toFixed(0)} req/s)`)
    log(line(referenceBefore, ''))
    for (const m of measured) log(line(m, `${((100 * m.summary.rps) / referenceRps).toFixed(2)}%`))
    log(line(referenceAfter, ''))
    if (sameSize.size > 0) log('api: the same answers against a bare route sending as many bytes:')
    for (const [m, reference] of sameSize) {
      log(line(reference, ''))
      log(`    ${m.name}: ${((100 * m.summary.rps) / reference.summary.rps).toFixed(2)}% of it`)
    }
    const [withCookie, withoutCookie] = measured.slice(-2)
    log(
      `  /healthz with a cookie / without: x${(withCookie.summary.rps / withoutCookie.summary.rps).toFixed(2)} req/s, ` +
        `x${(withCookie.summary.p99 / withoutCookie.summary.p99).toFixed(2)} p99`,
    )
    for (const m of measured) {
      for (const [status, message] of m.result.overall.messages) log(`    ${m.name} ${status} (first): ${message}`)
      if (m.result.errors + m.result.timeouts > 0) {
        log(`    ${m.name}: ${m.result.errors} transport errors (${m.result.timeouts} timeouts)`)
      }
    }
    log(
      `  server exit: ${exit.signal ?? `code ${exit.code}`}; ${tandem.output.length} log lines at warn or above` +
        (tandem.output.length > 0 ? `; first: ${tandem.output[0].slice(0, 300)}` : ''),
    )
    return { referenceRps, measured }
  } finally {
    for (const server of servers) await server.stop()
    await handle.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runApiBench()
