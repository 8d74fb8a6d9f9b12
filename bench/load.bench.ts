/**
 * The server under load, on PostgreSQL: LOAD_CONNECTIONS concurrent connections (default 100) for
 * LOAD_SECONDS (default 60) against the real server started as a child process (`node
 * src/server/main.ts`, NODE_ENV=production), as an operator runs it. A generated organization first
 * (LOAD_PEOPLE people, default 3000; one active peer coaching program with LOAD_MATCHES active
 * matches, default 500, each member with a goal and a few past sessions; every participant and the
 * program manager signed in with a session cookie and CSRF token). Then the load, from autocannon:
 * - participants (all connections but LOAD_MANAGERS) in their match workspace: read the workspace,
 *   the shared notes and the action items; write shared notes, action items and goal progress;
 * - LOAD_MANAGERS connections (default 5) as the program manager: the program dashboard
 *   (GET /api/programs/:id/insights) and the people directory (search and department filters, pages).
 * It prints requests/s, p50 and p99 latency and answers by status, overall and per kind of request,
 * the first message of every non-2xx status, and acknowledged against stored writes: every write
 * carries a unique marker; each one answered 2xx must be stored exactly once and nothing else stored
 * (participants stop writing for the last 3 s, so no write is still in flight when the load stops).
 * The reference, measured in the same run with the same autocannon settings: a bare Fastify route
 * (no database, no plugins) in its own child process, with the ratios.
 *
 * Environment: LOAD_CONNECTIONS, LOAD_SECONDS, LOAD_MANAGERS, LOAD_PEOPLE, LOAD_MATCHES,
 * LOAD_INSTANCES (1 or 2: two server processes on one database, connections spread over both),
 * DATABASE_URL or TEST_DATABASE_URL (the PostgreSQL server to create a fresh database on, dropped
 * afterwards; default postgres://postgres@127.0.0.1:5432/test).
 * Not part of .ci/run (it takes over two minutes and loads the machine).
 * Run: npm run bench load   or   LOAD_SECONDS=10 LOAD_CONNECTIONS=20 npm run bench load
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { freePort } from '#server/test/tandem-process.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { isoDate, random } from './bench-data.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DEPARTMENTS = ['Engineering', 'Sales', 'Design', 'Finance', 'People', 'Marketing', 'Operations', 'Legal']
const LOCATIONS = ['Paris', 'London', 'New York', 'Berlin', 'Lisbon', 'Pune']
const DAY = 24 * 60 * 60 * 1000
const BATCH = 1000
/** Participants stop writing this long before the load ends, so no write is left in flight. */
const WRITE_DRAIN_MS = 3000

export interface LoadOptions {
  connections: number
  seconds: number
  managers: number
  people: number
  matches: number
  instances: number
  serverUrl: string
  log?: (line: string) => void
}

export function loadOptionsFromEnv(env = process.env): LoadOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback)
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${env[name]}`)
    return value
  }
  const connections = number('LOAD_CONNECTIONS', 100)
  return {
    connections,
    seconds: number('LOAD_SECONDS', 60),
    managers: Math.min(number('LOAD_MANAGERS', 5), connections - 1),
    people: number('LOAD_PEOPLE', 3000),
    matches: number('LOAD_MATCHES', 500),
    instances: Math.max(1, Math.min(2, number('LOAD_INSTANCES', 1))),
    serverUrl: env.DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  }
}

// ---------------------------------------------------------------------------------------------
// The database and the organization

export interface Participant {
  headers: Record<string, string>
  personId: string
  matchId: string
  goalId: string
}

export interface Organization {
  programId: string
  managerHeaders: Record<string, string>
  participants: Participant[]
  counts: { people: number; matches: number; sessions: number; goals: number }
}

export async function seedOrganization(db: Db, sizes: { people: number; matches: number }): Promise<Organization> {
  const next = random(12)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const now = Date.now()
  const org = await buildOrganization(db)
  const manager = await buildPerson(db, { organizationId: org.id, role: 'program_manager', name: 'Program Manager' })
  const program = await buildProgram(db, {
    organizationId: org.id,
    status: 'active',
    starts_on: isoDate(now - 60 * DAY),
    ends_on: isoDate(now + 120 * DAY),
  })

  // people: a reporting tree, about 8 reports each
  const people: string[] = []
  for (let start = 0; start < sizes.people; start += BATCH) {
    const rows = []
    for (let i = start; i < Math.min(sizes.people, start + BATCH); i++) {
      rows.push({
        organization_id: org.id,
        email: `load-${i}@bench.test`,
        name: `Person ${String(i).padStart(5, '0')}`,
        status: 'active' as const,
        title: pick(['Engineer', 'Designer', 'Analyst', 'Manager', 'Consultant']),
        department: pick(DEPARTMENTS),
        location: pick(LOCATIONS),
        seniority: 1 + Math.floor(next() * 8),
        manager_id: i === 0 ? null : people[Math.floor((i - 1) / 8)],
      })
    }
    const inserted = await db.insertInto('people').values(rows).returning('id').execute()
    people.push(...inserted.map((row) => row.id))
  }

  // matches: pairs of consecutive people, all active; every member enrolled, with a goal
  const pairs = Math.min(sizes.matches, Math.floor(people.length / 2))
  const members = people.slice(0, pairs * 2)
  for (let start = 0; start < members.length; start += BATCH) {
    await db
      .insertInto('enrollments')
      .values(
        members.slice(start, start + BATCH).map((personId) => ({
          organization_id: org.id,
          program_id: program.id,
          person_id: personId,
          consented_at: new Date(now - 70 * DAY),
        })),
      )
      .execute()
  }
  const matchIds: string[] = []
  for (let start = 0; start < pairs; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, pairs - start) }, () => ({
      organization_id: org.id,
      program_id: program.id,
      status: 'active' as const,
      origin: 'engine' as const,
      published_at: new Date(now - 55 * DAY),
    }))
    const inserted = await db.insertInto('matches').values(rows).returning('id').execute()
    matchIds.push(...inserted.map((row) => row.id))
  }
  const membership = matchIds.flatMap((matchId, m) =>
    [members[2 * m], members[2 * m + 1]].map((personId) => ({ matchId, personId })),
  )
  for (let start = 0; start < membership.length; start += BATCH) {
    await db
      .insertInto('match_members')
      .values(
        membership.slice(start, start + BATCH).map(({ matchId, personId }) => ({
          match_id: matchId,
          person_id: personId,
          organization_id: org.id,
          role: 'peer' as const,
          response: 'accepted' as const,
          responded_at: new Date(now - 54 * DAY),
        })),
      )
      .execute()
  }
  const goalIds: string[] = []
  for (let start = 0; start < membership.length; start += BATCH) {
    const inserted = await db
      .insertInto('goals')
      .values(
        membership.slice(start, start + BATCH).map(({ matchId, personId }) => ({
          organization_id: org.id,
          match_id: matchId,
          owner_id: personId,
          title: 'Delegate more',
          measure: 'Tasks handed over',
          target: '5 a month',
          due_on: isoDate(now + 60 * DAY),
          status: 'active' as const,
          progress: Math.floor(next() * 50),
        })),
      )
      .returning('id')
      .execute()
    goalIds.push(...inserted.map((row) => row.id))
  }

  // four past sessions per match, every two weeks, most held
  const sessions = matchIds.flatMap((matchId, m) =>
    Array.from({ length: 4 }, (_, n) => {
      const [a, b] = [members[2 * m], members[2 * m + 1]]
      return {
        organization_id: org.id,
        match_id: matchId,
        starts_at: new Date(now - (50 - n * 14) * DAY),
        duration_minutes: 45,
        time_zone: 'Europe/Paris',
        status: next() < 0.85 ? ('held' as const) : ('cancelled' as const),
        coach_id: n % 2 === 0 ? a : b,
        coachee_id: n % 2 === 0 ? b : a,
        ics_uid: `load-${m}-${n}@bench.test`,
      }
    }),
  )
  for (let start = 0; start < sessions.length; start += BATCH) {
    await db
      .insertInto('coaching_sessions')
      .values(sessions.slice(start, start + BATCH))
      .execute()
  }

  // real sessions: a cookie and a CSRF token for every participant and the manager
  const personRows = await db.selectFrom('people').selectAll().where('id', 'in', members).execute()
  const byId = new Map(personRows.map((row) => [row.id, row]))
  const participants: Participant[] = []
  for (let start = 0; start < membership.length; start += 50) {
    const chunk = membership.slice(start, start + 50)
    const headers = await Promise.all(chunk.map(({ personId }) => sessionHeadersFor(db, byId.get(personId)!)))
    for (const [k, { matchId, personId }] of chunk.entries()) {
      participants.push({ headers: headers[k], personId, matchId, goalId: goalIds[start + k] })
    }
  }
  await sql`analyze`.execute(db)
  return {
    programId: program.id,
    managerHeaders: await sessionHeadersFor(db, manager),
    participants,
    counts: { people: people.length + 1, matches: matchIds.length, sessions: sessions.length, goals: goalIds.length },
  }
}

// ---------------------------------------------------------------------------------------------
// Servers in child processes

export interface ChildServer {
  url: string
  /** Lines the process printed (its warnings and errors: LOG_LEVEL=warn). */
  output: string[]
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

async function startChild(args: string[], env: Record<string, string>, port: number, readyPath: string) {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean))
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let hasExited = false
  void exited.then(() => {
    hasExited = true
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (hasExited) throw new Error(`server exited before it was ready:\n${output.join('\n')}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server not ready within 60 s:\n${output.join('\n')}`)
    }
    try {
      const response = await fetch(`${url}${readyPath}`)
      await response.arrayBuffer()
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    output,
    async stop() {
      if (!hasExited) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000)
      const result = await exited
      clearTimeout(timer)
      return result
    },
  } satisfies ChildServer
}

/** Tandem as `npm start` serves it (without the web build step), in production mode. */
export async function startTandem(databaseUrl: string, dataDir: string): Promise<ChildServer> {
  const port = await freePort()
  return startChild(
    [path.join(ROOT, 'src/server/main.ts')],
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      // One key for every instance on the database (decision 047).
      SECRET_KEY: 'bench-secret-key-shared-by-every-instance',
      HOST: '127.0.0.1',
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    port,
    '/readyz',
  )
}

const REFERENCE_SERVER = `
import Fastify from 'fastify'
const app = Fastify({ logger: false })
app.get('/', async () => ({ ok: true }))
// The same route with an answer of n bytes, as large as the endpoint compared with it.
const bodies = new Map()
app.get('/bytes/:n', async (request, reply) => {
  const n = Number(request.params.n)
  if (!bodies.has(n)) bodies.set(n, JSON.stringify({ data: 'x'.repeat(Math.max(0, n - 11)) }))
  reply.type('application/json; charset=utf-8')
  return bodies.get(n)
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
`

/** The reference: a bare Fastify route, no database, no plugins, in its own process. */
export async function startReference(): Promise<ChildServer> {
  const port = await freePort()
  return startChild(['--input-type=module', '-e', REFERENCE_SERVER], { PORT: String(port) }, port, '/')
}

// ---------------------------------------------------------------------------------------------
// The load

export interface PlannedRequest {
  kind: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /** Set on writes: the unique text the stored row carries. */
  marker?: string
}

export interface LoadPart {
  url: string
  connections: number
  next: () => PlannedRequest
}

export interface KindFigures {
  latencies: number[]
  statuses: Map<number, number>
  /** The first answer of each non-2xx status, to say what went wrong. */
  messages: Map<number, string>
}

export interface LoadResult {
  seconds: number
  overall: KindFigures
  kinds: Map<string, KindFigures>
  /** Transport errors and timeouts as autocannon counts them. */
  errors: number
  timeouts: number
  errorMessages: Map<string, number>
  sent: Set<string>
  acknowledged: Map<string, Set<string>>
  answered: Set<string>
}

const newFigures = (): KindFigures => ({ latencies: [], statuses: new Map(), messages: new Map() })

function record(figures: KindFigures, status: number, ms: number, body: string) {
  figures.latencies.push(ms)
  figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1)
  if ((status < 200 || status > 299) && !figures.messages.has(status)) figures.messages.set(status, body.slice(0, 300))
}

interface RequestContext {
  kind?: string
  marker?: string
  startedAt?: number
}

/** Runs every part at once for `seconds` (one autocannon instance per part) and collects the answers. */
export async function drive(parts: LoadPart[], seconds: number): Promise<LoadResult> {
  const result: LoadResult = {
    seconds,
    overall: newFigures(),
    kinds: new Map(),
    errors: 0,
    timeouts: 0,
    errorMessages: new Map(),
    sent: new Set(),
    acknowledged: new Map(),
    answered: new Set(),
  }
  const started = performance.now()
  const runs = parts
    .filter((part) => part.connections > 0)
    .map(async (part) => {
      let finish: (summary: autocannon.Result) => void = () => {}
      let fail: (error: unknown) => void = () => {}
      const done = new Promise<autocannon.Result>((resolve, reject) => {
        finish = resolve
        fail = reject
      })
      const instance = autocannon(
        {
          url: part.url,
          connections: part.connections,
          duration: seconds,
          timeout: 10,
          requests: [
            {
              setupRequest: (request, context: RequestContext) => {
                const planned = part.next()
                context.kind = planned.kind
                context.marker = planned.marker
                context.startedAt = performance.now()
                if (planned.marker) result.sent.add(planned.marker)
                return {
                  ...request,
                  method: planned.method,
                  path: planned.path,
                  headers: planned.headers,
                  body: planned.body ?? '',
                }
              },
              onResponse: (status, body, context: RequestContext) => {
                const ms = performance.now() - (context.startedAt ?? performance.now())
                const kind = context.kind ?? '?'
                const figures = result.kinds.get(kind) ?? newFigures()
                result.kinds.set(kind, figures)
                record(figures, status, ms, body)
                record(result.overall, status, ms, body)
                if (context.marker) {
                  result.answered.add(context.marker)
                  if (status >= 200 && status <= 299) {
                    const acknowledged = result.acknowledged.get(kind) ?? new Set<string>()
                    result.acknowledged.set(kind, acknowledged)
                    acknowledged.add(context.marker)
                  }
                }
              },
            },
          ],
        },
        (error, summary) => (error ? fail(error) : finish(summary)),
      )
      instance.on('reqError', (error: Error) => {
        const message = error.message || String(error)
        result.errorMessages.set(message, (result.errorMessages.get(message) ?? 0) + 1)
      })
      const summary = await done
      result.errors += summary.errors
      result.timeouts += summary.timeouts
    })
  await Promise.all(runs)
  result.seconds = (performance.now() - started) / 1000
  return result
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

export interface Summary {
  rps: number
  p50: number
  p99: number
}

export const summarize = (figures: KindFigures, seconds: number): Summary => ({
  rps: figures.latencies.length / seconds,
  p50: percentile(figures.latencies, 50),
  p99: percentile(figures.latencies, 99),
})

export const statusText = (statuses: Map<number, number>) =>
  [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ')

// ---------------------------------------------------------------------------------------------
// The mix

/**
 * Participants' requests: weights out of 100 (40 writes, 60 reads). After `writesUntil` (the last
 * WRITE_DRAIN_MS of the load) reads only, so every write sent is answered before the load stops.
 */
function participantRequests(participants: Participant[], runTag: string, writesUntil: () => number) {
  const next = random(99)
  let sequence = 0
  const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' })
  const mix: [number, (p: Participant) => PlannedRequest][] = [
    [
      20,
      (p) => ({
        kind: 'GET workspace',
        method: 'GET',
        path: `/api/matches/${p.matchId}/workspace`,
        headers: p.headers,
      }),
    ],
    [15, (p) => ({ kind: 'GET notes', method: 'GET', path: `/api/matches/${p.matchId}/notes`, headers: p.headers })],
    [
      10,
      (p) => ({
        kind: 'GET action items',
        method: 'GET',
        path: `/api/matches/${p.matchId}/action-items`,
        headers: p.headers,
      }),
    ],
    [
      15,
      (p) => {
        const marker = `load ${runTag} note ${sequence++}`
        return {
          kind: 'POST note',
          method: 'POST',
          path: `/api/matches/${p.matchId}/notes`,
          headers: json(p.headers),
          body: JSON.stringify({ body: `${marker}: we talked about delegating the weekly report` }),
          marker,
        }
      },
    ],
    [
      10,
      (p) => {
        const marker = `load ${runTag} action ${sequence++}`
        return {
          kind: 'POST action item',
          method: 'POST',
          path: `/api/matches/${p.matchId}/action-items`,
          headers: json(p.headers),
          body: JSON.stringify({ title: marker, ownerId: p.personId }),
          marker,
        }
      },
    ],
    [
      15,
      (p) => {
        const marker = `load ${runTag} progress ${sequence++}`
        return {
          kind: 'POST goal progress',
          method: 'POST',
          path: `/api/goals/${p.goalId}/updates`,
          headers: json(p.headers),
          body: JSON.stringify({ kind: 'progress', progress: Math.floor(next() * 101), body: marker }),
          marker,
        }
      },
    ],
  ]
  const total = mix.reduce((sum, [weight]) => sum + weight, 0)
  const reads = mix.slice(0, 3)
  const readTotal = reads.reduce((sum, [weight]) => sum + weight, 0)
  return (): PlannedRequest => {
    const participant = participants[Math.floor(next() * participants.length)]
    const isWriting = performance.now() < writesUntil()
    let roll = next() * (isWriting ? total : readTotal)
    for (const [weight, build] of isWriting ? mix : reads) {
      roll -= weight
      if (roll < 0) return build(participant)
    }
    return mix[0][1](participant)
  }
}

/** The program manager: the dashboard one time in four, otherwise a page of the directory. */
function managerRequests(programId: string, headers: Record<string, string>) {
  const next = random(7)
  return (): PlannedRequest => {
    const roll = next()
    if (roll < 0.25) {
      return { kind: 'GET dashboard', method: 'GET', path: `/api/programs/${programId}/insights`, headers }
    }
    const query =
      roll < 0.6
        ? `q=${encodeURIComponent(`person 0${Math.floor(next() * 30)}`)}`
        : `department=${encodeURIComponent(DEPARTMENTS[Math.floor(next() * DEPARTMENTS.length)])}`
    return { kind: 'GET directory', method: 'GET', path: `/api/people?${query}`, headers }
  }
}

// ---------------------------------------------------------------------------------------------
// Writes: acknowledged against stored

/** Where each kind of write lands, and the word its marker carries (`load <run> <word> <n>`). */
const WRITE_TABLES: Record<
  string,
  { table: 'session_notes' | 'action_items' | 'goal_updates'; column: string; word: string }
> = {
  'POST note': { table: 'session_notes', column: 'body', word: 'note' },
  'POST action item': { table: 'action_items', column: 'title', word: 'action' },
  'POST goal progress': { table: 'goal_updates', column: 'body', word: 'progress' },
}

async function storedMarkers(db: Db, runTag: string, kind: string): Promise<Map<string, number>> {
  const { table, column } = WRITE_TABLES[kind]
  const prefix = `load ${runTag} `
  const rows = await sql<{ text: string }>`select ${sql.ref(column)} as text from ${sql.table(table)}
    where ${sql.ref(column)} like ${`${prefix}%`}`.execute(db)
  const counts = new Map<string, number>()
  for (const { text } of rows.rows) {
    const marker = text.split(':')[0]
    counts.set(marker, (counts.get(marker) ?? 0) + 1)
  }
  return counts
}

// ---------------------------------------------------------------------------------------------

export async function runLoadBench(options: LoadOptions = loadOptionsFromEnv()) {
  const log = options.log ?? console.log
  const { connections, seconds } = options
  // A new database on the server, migrated, dropped again at the end.
  const handle = await createTestDb(options.serverUrl)
  const database = {
    handle,
    url: handle.url ?? '',
    name: new URL(handle.url ?? '').pathname.slice(1),
    drop: () => handle.close(),
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-load-'))
  const servers: ChildServer[] = []
  try {
    let started = performance.now()
    const org = await seedOrganization(database.handle.db, options)
    log(
      `load: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (PostgreSQL, database ${database.name}): ` +
        `${org.counts.people} people, ${org.counts.matches} active matches in one program, ` +
        `${org.participants.length} participants signed in, ${org.counts.goals} goals, ${org.counts.sessions} past sessions`,
    )

    // the reference first, with the same settings
    const reference = await startReference()
    servers.push(reference)
    const referenceResult = await drive(
      [
        {
          url: reference.url,
          connections,
          next: () => ({ kind: 'GET bare route', method: 'GET', path: '/', headers: {} }),
        },
      ],
      seconds,
    )
    await reference.stop()
    servers.pop()

    started = performance.now()
    for (let i = 0; i < options.instances; i++) servers.push(await startTandem(database.url, dataDir))
    log(`load: ${options.instances} Tandem process(es) ready in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const runTag = randomBytes(3).toString('hex')
    let writesUntil = Number.POSITIVE_INFINITY
    const nextParticipant = participantRequests(org.participants, runTag, () => writesUntil)
    const nextManager = managerRequests(org.programId, org.managerHeaders)
    const managers = options.managers
    const loadBefore = loadavg()
    const parts: LoadPart[] = servers.flatMap((server, i) => {
      const share = (total: number) => Math.floor(total / servers.length) + (i < total % servers.length ? 1 : 0)
      return [
        { url: server.url, connections: share(connections - managers), next: nextParticipant },
        { url: server.url, connections: share(managers), next: nextManager },
      ]
    })
    writesUntil = performance.now() + seconds * 1000 - Math.min(WRITE_DRAIN_MS, seconds * 100)
    const result = await drive(parts, seconds)
    const loadAfter = loadavg()
    // let the server finish what was in flight when the load stopped, then stop it as an operator does
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const exits = []
    for (const server of servers) exits.push(await server.stop())

    // ----- report
    const ref = summarize(referenceResult.overall, referenceResult.seconds)
    const all = summarize(result.overall, result.seconds)
    const fmt = (s: Summary) =>
      `${s.rps.toFixed(0).padStart(6)} req/s, p50 ${s.p50.toFixed(1).padStart(6)} ms, p99 ${s.p99.toFixed(1).padStart(7)} ms`
    log(
      `load: ${connections} connections for ${seconds} s (${connections - managers} participants, ${managers} program manager), ` +
        `${options.instances} instance(s); load average ${loadBefore.map((v) => v.toFixed(1)).join(' ')} before, ` +
        `${loadAfter.map((v) => v.toFixed(1)).join(' ')} after; autocannon ${autocannonVersion()}`,
    )
    log(
      `  ${'reference: bare Fastify GET /'.padEnd(36)} ${fmt(ref)}  [${statusText(referenceResult.overall.statuses)}]`,
    )
    log(
      `  ${'Tandem, all requests'.padEnd(36)} ${fmt(all)}  ` +
        `(x${(all.rps / ref.rps).toFixed(3)} req/s, x${(all.p50 / ref.p50).toFixed(1)} p50, x${(all.p99 / ref.p99).toFixed(1)} p99)`,
    )
    for (const [kind, figures] of [...result.kinds.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      log(`    ${kind.padEnd(34)} ${fmt(summarize(figures, result.seconds))}  [${statusText(figures.statuses)}]`)
    }
    log(`  answers by status: ${statusText(result.overall.statuses)}`)
    for (const [kind, figures] of result.kinds) {
      for (const [status, message] of figures.messages) log(`    ${kind} ${status} (first): ${message}`)
    }
    if (result.errors + result.timeouts + referenceResult.errors + referenceResult.timeouts > 0) {
      log(
        `  transport errors: Tandem ${result.errors} (${result.timeouts} timeouts), reference ${referenceResult.errors} (${referenceResult.timeouts} timeouts)`,
      )
      for (const [message, count] of result.errorMessages) log(`    ${count} x ${message}`)
    }

    let isSound = true
    log(
      '  writes: acknowledged = answered 2xx, stored = rows carrying their marker after the servers stopped ' +
        '(must be equal: none lost, none twice, none refused yet stored):',
    )
    const db = database.handle.db
    for (const [kind, { word }] of Object.entries(WRITE_TABLES)) {
      const sent = [...result.sent].filter((marker) => marker.split(' ')[2] === word)
      const acknowledged = result.acknowledged.get(kind) ?? new Set<string>()
      const unanswered = sent.filter((marker) => !result.answered.has(marker)).length
      const refused = sent.length - acknowledged.size - unanswered
      const stored = await storedMarkers(db, runTag, kind)
      const lost = [...acknowledged].filter((marker) => !stored.has(marker)).length
      const twice = [...stored.values()].filter((count) => count > 1).length
      const unsent = [...stored.keys()].filter((marker) => !result.sent.has(marker)).length
      const unacknowledged = [...stored.keys()].filter((marker) => !acknowledged.has(marker))
      const unansweredStored = unacknowledged.filter((marker) => !result.answered.has(marker)).length
      const refusedStored = unacknowledged.length - unansweredStored
      const isEqual =
        acknowledged.size === stored.size && lost + twice + unsent + refusedStored + unansweredStored === 0
      if (lost + twice + unsent + refusedStored > 0) isSound = false
      log(
        `    ${kind.padEnd(20)} ${String(acknowledged.size).padStart(6)} acknowledged, ${String(stored.size).padStart(6)} stored ` +
          `${isEqual ? '(equal)' : '<-- NOT EQUAL'}; ${sent.length} sent, ${refused} refused, ${unanswered} unanswered; ` +
          `${lost} lost, ${twice} stored twice, ${refusedStored} refused but stored, ${unansweredStored} unanswered but stored`,
      )
    }
    const outputs = servers.flatMap((server) => server.output)
    log(
      `  server exits: ${exits.map((exit) => (exit.signal ? exit.signal : `code ${exit.code}`)).join(', ')}; ` +
        `${outputs.length} log lines at warn or above${outputs.length > 0 ? ':' : ''}`,
    )
    const lineCounts = new Map<string, number>()
    for (const line of outputs) {
      let text = line
      try {
        const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string } }
        text = `${parsed.msg ?? ''}${parsed.err?.message ? `: ${parsed.err.message}` : ''}`
      } catch {
        // a plain line
      }
      lineCounts.set(text, (lineCounts.get(text) ?? 0) + 1)
    }
    for (const [text, count] of [...lineCounts.entries()].slice(0, 10)) log(`    ${count} x ${text.slice(0, 300)}`)
    if (!isSound) process.exitCode = 1
    return { reference: ref, all, result, referenceResult, isSound }
  } finally {
    for (const server of servers) await server.stop()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export function autocannonVersion(): string {
  return (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version
}

if (import.meta.url === `file://${process.argv[1]}`) await runLoadBench()
