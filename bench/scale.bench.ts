/**
 * One organization at 100,000 people on PostgreSQL, through the real server (issue #14, point 6):
 * SCALE_PEOPLE people (default 100,000), one active peer coaching program with SCALE_MATCHES matches
 * (default 12,500: most active, some completed, dissolved or declined), SCALE_SESSIONS sessions
 * (default 120,000) with feedback, check-ins, goals, pairing-fit and closing surveys and a few open
 * re-pair requests, all built in the database with `generate_series` (no rows cross the wire).
 *
 * Then, against `node src/server/main.ts` (NODE_ENV=production) in a child process, sequential
 * requests (one warm-up, SCALE_REQUESTS timed, default 10) as an admin: the program dashboard, the
 * organization overview, one match's health page, the people directory (first page and a deep page)
 * and people search; p50, p99 and the response size, as ratios against GET /healthz measured in the
 * same run, with the load average. The server's RSS before and after 8 dashboard requests. And
 * EXPLAIN ANALYZE of the list queries the UI pages through, flagging a sequential scan of a large table.
 *
 * Environment: SCALE_PEOPLE, SCALE_MATCHES, SCALE_SESSIONS, SCALE_REQUESTS, DATABASE_URL or
 * TEST_DATABASE_URL (the PostgreSQL server to create a fresh database on, dropped afterwards; default
 * postgres://postgres@127.0.0.1:5432/test).
 * Run: npm run bench scale
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RawBuilder, sql } from 'kysely'
import pg from 'pg'
import { AT_RISK_SORTS } from '#contracts/insights.ts'
import type { Db } from '#server/db/connect.ts'
import { storedAtRiskPageQuery } from '#server/modules/insights/insight-aggregates.repository.ts'
import { sumProgramInsights } from '#server/modules/insights/insight-aggregates.ts'
import { refreshProgramSnapshot, sumsProgramOf } from '#server/modules/insights/insight-snapshots.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { freePort } from '#server/test/tandem-process.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { isoDate } from './bench-data.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DAY = 24 * 60 * 60 * 1000
const FOCUS = ['active-listening', 'giving-feedback', 'delegation']

interface Sizes {
  people: number
  matches: number
  sessions: number
}

/**
 * The organization's history, generated in SQL. Ids are derived from the row number (md5 of a
 * prefix and the number, shaped as a version-4 uuid), so a match's members and a session's match are found by
 * arithmetic. `h(text)` is a stable pseudo-random 0..99.
 */
async function buildScaleData(
  db: Db,
  bulk: pg.Client,
  organizationId: string,
  programId: string,
  sizes: Sizes,
  now: Date,
) {
  const org = sql`${organizationId}::uuid`
  const program = sql`${programId}::uuid`
  const started = new Date(now.getTime() - 182 * DAY)
  const h = (key: string) => sql.raw(`(abs(hashtext(${key})) % 100)`)
  const id = (prefix: string, n: string) =>
    sql.raw(`overlay(overlay(md5('${prefix}' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`)
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const t = performance.now()
    const compiled = query.compile(db)
    const result = await bulk.query(compiled.sql, [...compiled.parameters])
    return { label, ms: performance.now() - t, rows: result.rowCount ?? 0 }
  }
  const steps = []
  steps.push(
    await step(
      'people',
      sql`insert into people (id, organization_id, email, name, status, department, location, title, left_on, deactivated_at)
        select ${id('p', 'i')}, ${org}, 'person-' || i || '@scale.test',
          (array['Ada','Ben','Chloé','Dev','Elif','Femi','Gus','Hana','Ivo','Jun','Kai','Lea','Mo','Nia','Oto','Pia','Quin','Rui','Sol','Tess'])[1 + i % 20]
            || ' ' || (array['Adams','Baker','Chen','Diaz','Evans','Fischer','Garcia','Hughes','Ito','Jensen','Khan','Lopez','Martin','Nguyen','Okafor','Patel','Quinn','Rossi','Silva','Tanaka','Ueda','Varga','Wong','Xu','Young'])[1 + (i / 20) % 25]
            || ' ' || i,
          case when ${h("'left' || i")} < 8 then 'deactivated' else 'active' end,
          (array['Engineering','Sales','Design','Finance','People','Marketing','Operations','Legal'])[1 + (i / 7) % 8],
          (array['Paris','London','New York','Berlin','Lisbon','Pune'])[1 + i % 6],
          (array['Engineer','Account executive','Designer','Analyst','Recruiter','Manager'])[1 + i % 6],
          case when ${h("'left' || i")} < 8 then (${isoDate(started.getTime())}::date + (i % 180)) end,
          case when ${h("'left' || i")} < 8 then (${started}::timestamptz + (i % 180) * interval '1 day') end
        from generate_series(1, ${sizes.people}::int) i`,
    ),
  )
  const paired = Math.min(sizes.people, sizes.matches * 2)
  steps.push(
    await step(
      'enrollments',
      sql`insert into enrollments (organization_id, program_id, person_id, status, self_assessment, consented_at)
        select ${org}, ${program}, ${id('p', 'i')},
          case when ${h("'withdrawn' || i")} < 3 then 'withdrawn' else 'enrolled' end,
          jsonb_build_object('active-listening', 1 + ${h("'a1' || i")} % 5, 'giving-feedback', 1 + ${h("'a2' || i")} % 5, 'delegation', 1 + ${h("'a3' || i")} % 5),
          ${new Date(started.getTime() - 14 * DAY)}::timestamptz
        from generate_series(1, ${sizes.people}::int) i
        where i <= ${paired}::int or ${h("'enrol' || i")} < 30`,
    ),
  )
  steps.push(
    await step(
      'matches',
      sql`insert into matches (id, organization_id, program_id, status, origin, score, published_at, ended_at)
        select ${id('m', 'm')}, ${org}, ${program}, s.status, 'engine', ${h("'score' || m")},
          ${started}::timestamptz + (m % 21) * interval '1 day',
          case when s.status <> 'active' then ${started}::timestamptz + (m % 21 + 30 + m % 120) * interval '1 day' end
        from generate_series(1, ${Math.floor(paired / 2)}::int) m,
          lateral (select case when ${h("'status' || m")} < 78 then 'active' when ${h("'status' || m")} < 88 then 'completed'
            when ${h("'status' || m")} < 95 then 'dissolved' else 'declined' end as status) s`,
    ),
  )
  steps.push(
    await step(
      'match members',
      sql`insert into match_members (match_id, person_id, organization_id, role, response, responded_at)
        select m.id, ${id('p', '(2 * n - 1 + k)')}, ${org}, 'peer',
          case when m.status = 'declined' and k = 0 then 'declined' else 'accepted' end, m.published_at + interval '1 day'
        from generate_series(1, ${Math.floor(paired / 2)}::int) n
          join matches m on m.id = ${id('m', 'n')}, generate_series(0, 1) k`,
    ),
  )
  steps.push(
    await step(
      'sessions',
      sql`insert into coaching_sessions (id, organization_id, match_id, starts_at, duration_minutes, time_zone, status, coach_id, coachee_id, ics_uid)
        select ${id('s', 'x.rn')}, ${org}, x.match_id, x.starts_at, 45, 'Europe/Paris',
          case when x.starts_at > ${now}::timestamptz then 'scheduled' when ${h("'held' || x.rn")} < 80 then 'held'
            when ${h("'held' || x.rn")} < 92 then 'cancelled' else 'missed' end,
          ${id('p', '(2 * x.n - 1 + x.k % 2)')}, ${id('p', '(2 * x.n - x.k % 2)')}, 'scale-' || x.rn || '@scale.test'
        from (
          select row_number() over (order by k, n) as rn, n, k, m.id as match_id,
            m.published_at + ((k * 17 + n % 4) * interval '1 day') + interval '9 hours' as starts_at
          from generate_series(1, ${Math.floor(paired / 2)}::int) n
            join matches m on m.id = ${id('m', 'n')} and m.status <> 'declined',
            generate_series(0, ${Math.ceil((1.2 * sizes.sessions) / Math.max(1, sizes.matches))}::int) k
        ) x
        where x.rn <= ${sizes.sessions}::int`,
    ),
  )
  steps.push(
    await step(
      'feedback',
      sql`insert into feedback (organization_id, match_id, session_id, giver_id, receiver_id, what_worked, try_next,
          rating_listening, rating_questions, rating_helpfulness, created_at)
        select organization_id, match_id, id, coachee_id, coach_id, 'Good questions', 'More silence',
          1 + ${h("'r1' || id")} % 5, 1 + ${h("'r2' || id")} % 5, 1 + ${h("'r3' || id")} % 5, starts_at + interval '1 day'
        from coaching_sessions where organization_id = ${org} and status = 'held' and ${h("'fb' || id")} < 60`,
    ),
  )
  steps.push(
    await step(
      'check-ins',
      sql`insert into wellbeing_checkins (organization_id, person_id, match_id, session_id, moment, mood, stress, note, created_at)
        select s.organization_id, p.person_id, s.match_id, s.id, 'after', 1 + ${h("'mood' || s.id || p.person_id")} % 5,
          1 + ${h("'stress' || s.id || p.person_id")} % 5, 'private', s.starts_at
        from coaching_sessions s, lateral (values (s.coach_id), (s.coachee_id)) p(person_id)
        where s.organization_id = ${org} and s.status = 'held' and ${h("'ci' || s.id || p.person_id")} < 50`,
    ),
  )
  steps.push(
    await step(
      'goals',
      sql`insert into goals (organization_id, match_id, owner_id, title, measure, target, due_on, status, progress)
        select ${org}, mm.match_id, mm.person_id, 'Delegate more', 'Tasks handed over', '5 a month',
          (m.published_at + interval '120 days')::date,
          case when ${h("'goal' || mm.person_id")} < 60 then 'active' when ${h("'goal' || mm.person_id")} < 90 then 'achieved' else 'dropped' end,
          ${h("'progress' || mm.person_id")}
        from match_members mm join matches m on m.id = mm.match_id
        where mm.organization_id = ${org} and m.status <> 'declined'`,
    ),
  )
  steps.push(
    await step(
      'surveys',
      sql`insert into match_surveys (organization_id, match_id, person_id, kind, answers, created_at)
        select ${org}, mm.match_id, mm.person_id, 'fit',
          jsonb_build_object('fit', 1 + ${h("'fit' || mm.person_id")} % 5,
            'keepPairing', case when ${h("'keep' || mm.person_id")} < 10 then 'no' else 'yes' end, 'comment', 'private'),
          m.published_at + interval '21 days'
        from match_members mm join matches m on m.id = mm.match_id
        where mm.organization_id = ${org} and m.status <> 'declined' and ${h("'fitq' || mm.person_id")} < 80
        union all
        select ${org}, mm.match_id, mm.person_id, 'closing',
          jsonb_build_object('satisfaction', 1 + ${h("'sat' || mm.person_id")} % 5, 'wouldRecommend', ${h("'nps' || mm.person_id")} % 11,
            'selfAssessment', jsonb_build_object('active-listening', 1 + ${h("'b1' || mm.person_id")} % 5,
              'giving-feedback', 1 + ${h("'b2' || mm.person_id")} % 5, 'delegation', 1 + ${h("'b3' || mm.person_id")} % 5),
            'comment', 'private'),
          m.published_at + interval '150 days'
        from match_members mm join matches m on m.id = mm.match_id
        where mm.organization_id = ${org} and m.status in ('completed', 'dissolved') and ${h("'closeq' || mm.person_id")} < 70`,
    ),
  )
  steps.push(
    await step(
      're-pair requests',
      sql`insert into repair_requests (organization_id, match_id, person_id, reason)
        select ${org}, m.id, mm.person_id, 'private'
        from matches m join lateral (select person_id from match_members where match_id = m.id order by person_id limit 1) mm on true
        where m.organization_id = ${org} and m.status = 'active' and ${h("'repair' || m.id")} < 2`,
    ),
  )
  const t = performance.now()
  await bulk.query('analyze')
  steps.push({ label: 'analyze', ms: performance.now() - t, rows: 0 })
  return steps
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function timeGet(url: string, headers: Record<string, string>) {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url}: ${response.status} ${new TextDecoder().decode(body).slice(0, 300)}`)
  return { ms: performance.now() - started, bytes: body.byteLength }
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

async function startServer(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // One key for every instance on the database (decision 047).
      SECRET_KEY: 'bench-secret-key-shared-by-every-instance',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The server's errors, shortened (a response serialization error can be megabytes long).
  const show = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (/"level":(50|60)|Error/.test(line)) console.error(`server: ${line.slice(0, 600)}`)
  }
  child.stdout?.on('data', show)
  child.stderr?.on('data', show)
  child.once('exit', (code, signal) => {
    if (code !== 0) console.error(`server: exited with code ${code}, signal ${signal}`)
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the server exited before it was ready')
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { child, url }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error('the server was not ready within 60 s')
}

/** The plan of a query with its actual time; a sequential scan of a large table is flagged. */
async function explain(db: Db, label: string, query: RawBuilder<unknown>, log: (line: string) => void) {
  const compiled = query.compile(db)
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>({
    ...compiled,
    sql: `explain (analyze, costs off, buffers off) ${compiled.sql}`,
  })
  const lines = result.rows.map((row) => row['QUERY PLAN'])
  const seqScans = lines.filter((line) =>
    /Seq Scan on (people|coaching_sessions|matches|match_members|enrollments|goals|feedback|wellbeing_checkins|match_surveys)\b/.test(
      line,
    ),
  )
  const time = lines.find((line) => line.startsWith('Execution Time'))
  log(
    `  EXPLAIN ${label}: ${time ?? ''}${seqScans.length > 0 ? `  SEQUENTIAL SCAN: ${seqScans.map((l) => l.trim()).join('; ')}` : '  (index only)'}`,
  )
  for (const line of lines.filter((l) => /Scan|Sort|Limit|Aggregate/.test(l)).slice(0, 8)) log(`      ${line}`)
}

export async function runScaleBench(
  options: Partial<Sizes> & { requests?: number; log?: (line: string) => void } = {},
) {
  const sizes: Sizes = {
    people: options.people ?? Number(process.env.SCALE_PEOPLE ?? 100_000),
    matches: options.matches ?? Number(process.env.SCALE_MATCHES ?? 12_500),
    sessions: options.sessions ?? Number(process.env.SCALE_SESSIONS ?? 120_000),
  }
  const requests = options.requests ?? Number(process.env.SCALE_REQUESTS ?? 10)
  const log = options.log ?? console.log
  const serverUrl =
    process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
  const database = await createTestDb(serverUrl)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-scale-'))
  let child: ChildProcess | undefined
  try {
    const { db } = database
    const now = new Date()
    const org = await buildOrganization(db)
    const admin = await buildPerson(db, { organizationId: org.id, role: 'admin', name: 'Ada Admin' })
    const program = await buildProgram(db, {
      organizationId: org.id,
      status: 'active',
      name: 'Peer coaching at scale',
      starts_on: isoDate(now.getTime() - 182 * DAY),
      ends_on: isoDate(now.getTime() + 30 * DAY),
      focus_skills: FOCUS,
    })
    const url = new URL(serverUrl)
    url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0].name}`
    // Its own connection, without the app's per-statement time limit: a bulk insert on a busy machine may take longer.
    const bulk = new pg.Client({ connectionString: url.toString() })
    await bulk.connect()
    const started = performance.now()
    const steps = await buildScaleData(db, bulk, org.id, program.id, sizes, now).finally(() => bulk.end())
    const seconds = (performance.now() - started) / 1000
    log(
      `scale: data built in ${seconds.toFixed(1)} s on PostgreSQL (target under 120 s): ` +
        steps.map((s) => `${s.label} ${s.rows > 0 ? `${s.rows} ` : ''}(${(s.ms / 1000).toFixed(1)} s)`).join(', '),
    )
    const headers = await sessionHeadersFor(db, admin)
    const someMatch = await db
      .selectFrom('matches')
      .select('id')
      .where('program_id', '=', program.id)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow()

    // The directory pages by cursor: page 2,001 starts after the 50,000th person by name (the
    // cursor is the API's own encoding of that person's name and id).
    const deep = await db
      .selectFrom('people')
      .select(['name', 'id'])
      .where('organization_id', '=', org.id)
      .orderBy('name')
      .orderBy('id')
      .offset(50_000)
      .limit(1)
      .executeTakeFirstOrThrow()
    const deepCursor = Buffer.from(JSON.stringify([deep.name, deep.id])).toString('base64url')

    // The refresh job's work for this program (every 30 s while it is not archived; decision 029,
    // with every at-risk match and its place in each order since decision 046), twice: cold, then warm.
    const summed = sumsProgramOf(await loadProgram(db, org.id, program.id))
    const refreshes: number[] = []
    for (let i = 0; i < 2; i++) {
      const t = performance.now()
      await refreshProgramSnapshot(db, org.id, summed, new Date(now.getTime() + i))
      refreshes.push(performance.now() - t)
    }
    // The reference: counting the same figures with only the first page of the list, as before 046.
    const counted = performance.now()
    await sumProgramInsights(db, org.id, summed, now)
    log(
      `  snapshot refresh (the job, every 30 s): ${refreshes.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}; ` +
        `counting with the first page only (before decision 046) ${((performance.now() - counted) / 1000).toFixed(2)} s`,
    )

    const server = await startServer(url.toString(), dataDir)
    child = server.child
    const base = server.url
    const api = `${base}/api`
    const targets: [string, string][] = [
      ['GET /healthz (reference)', `${base}/healthz`],
      ['program dashboard', `${api}/programs/${program.id}/insights`],
      ['org overview', `${api}/insights/overview`],
      ['one match health', `${api}/programs/${program.id}/matches/${someMatch.id}/health`],
      ['at-risk page 251 by name', `${api}/programs/${program.id}/insights/at-risk?sort=name&offset=5000`],
      ['at-risk page 251 by quiet', `${api}/programs/${program.id}/insights/at-risk?sort=quiet&offset=5000`],
      ['people directory, first page', `${api}/people?limit=25`],
      ['people directory, page 2001', `${api}/people?limit=25&after=${deepCursor}`],
      ['people search "tanaka"', `${api}/people?q=tanaka&limit=25`],
      ['people search "person-4242"', `${api}/people?q=person-4242&limit=25`],
    ]
    const [load1, load5] = loadavg()
    log(
      `  load average before: ${load1.toFixed(2)} ${load5.toFixed(2)}; ${requests} sequential requests each after one warm-up`,
    )
    const rssBefore = rssMb(child.pid)
    const results = new Map<string, { values: number[]; bytes: number }>()
    let reference: number[] = []
    for (const [name, target] of targets) {
      try {
        const warm = await timeGet(target, headers)
        const values: number[] = []
        for (let i = 0; i < requests; i++) values.push((await timeGet(target, headers)).ms)
        if (reference.length === 0) reference = values
        results.set(name, { values, bytes: warm.bytes })
        const figures = [50, 99].map((p) => {
          const value = percentile(values, p)
          return `p${p} ${value.toFixed(1)} ms (x${(value / percentile(reference, p)).toFixed(0)})`
        })
        log(`  ${name.padEnd(30)} ${figures.join(', ')}  [${(warm.bytes / 1024).toFixed(1)} KB]`)
      } catch (error) {
        log(`  ${name.padEnd(30)} FAILED: ${(error as Error).message.slice(0, 200)}`)
      }
    }

    const rssStart = rssMb(child.pid)
    const dashboard: number[] = []
    for (let i = 0; i < 8; i++) dashboard.push((await timeGet(targets[1][1], headers)).ms)
    const rssAfter = rssMb(child.pid)
    log(
      `  server RSS: ${rssBefore.toFixed(0)} MB at start, ${rssStart.toFixed(0)} MB before 8 dashboard requests, ` +
        `${rssAfter.toFixed(0)} MB after (${rssAfter - rssStart >= 0 ? '+' : ''}${(rssAfter - rssStart).toFixed(0)} MB); ` +
        `those 8 took ${dashboard.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    )

    log('  list queries the UI pages through (EXPLAIN ANALYZE on this data):')
    for (const [label, query] of listQueries(org.id, program.id, deep)) await explain(db, label, query, log)
    const [after1, after5] = loadavg()
    log(`  load average after: ${after1.toFixed(2)} ${after5.toFixed(2)}`)
    return { seconds, results, rss: { before: rssStart, after: rssAfter } }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
    await database.close()
  }
}

/** The SQL of the paged lists, as their repositories send it. */
function listQueries(
  organizationId: string,
  programId: string,
  deep: { name: string; id: string },
): [string, RawBuilder<unknown>][] {
  // As people.repository.ts sends them: a keyset page (one more than the page, to know whether
  // another follows) and a count that stops after 1,001.
  const people = (where: ReturnType<typeof sql>, after?: { name: string; id: string }) =>
    sql`select p.*, m.name as manager_name from people p left join people m on m.id = p.manager_id and m.organization_id = ${organizationId}
      where p.organization_id = ${organizationId} and ${where}
      ${after ? sql`and (p.name, p.id) > (${after.name}, ${after.id}::uuid)` : sql``}
      order by p.name, p.id limit 26`
  const count = (where: ReturnType<typeof sql>) =>
    sql`select count(*) from (select p.id from people p where p.organization_id = ${organizationId} and ${where} limit 1001) matching`
  const q = sql`(p.name ilike '%tanaka%' or p.email ilike '%tanaka%' or p.title ilike '%tanaka%')`
  const q2 = sql`(p.name ilike '%person-4242%' or p.email ilike '%person-4242%' or p.title ilike '%person-4242%')`
  return [
    ['people directory, first page', people(sql`true`)],
    ['people directory, page 2001 (after a cursor)', people(sql`true`, deep)],
    ['people directory, total (up to 1,001)', count(sql`true`)],
    ['people search "tanaka", first page', people(q)],
    ['people search "tanaka", total (up to 1,001)', count(q)],
    ['people search "person-4242", first page', people(q2)],
    ['people search "person-4242", total (up to 1,001)', count(q2)],
    [
      "program's matches, first page",
      sql`select * from matches where organization_id = ${organizationId} and program_id = ${programId}
        and status in ('published', 'active') order by created_at, id limit 50 offset 0`,
    ],
    ...AT_RISK_SORTS.map((sort): [string, RawBuilder<unknown>] => [
      `at-risk matches, page 251 by ${sort} (the snapshot's entries)`,
      storedAtRiskPageQuery({ organizationId, programId }, { sort, limit: 20, offset: 5_000 }),
    ]),
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) await runScaleBench()
