/**
 * Start-up and idle memory on the embedded database, as an operator starts Tandem (`node
 * src/server/main.ts`, NODE_ENV=production): the first start on an empty DATA_DIR (initdb and every
 * migration), then STARTUP_RUNS later starts on the same directory; each timed from spawn until
 * /readyz answers 200, and the process's RSS after STARTUP_IDLE_SECONDS of idling. The reference,
 * measured in the same run: a bare Fastify server started the same way (spawn to first answer), and
 * its RSS. The same Tandem start on PostgreSQL is measured too when TEST_DATABASE_URL or
 * DATABASE_URL names a server (a fresh database, dropped after).
 *
 * The first start unpacks the embedded database's template when `npm run build` made it (the bench
 * says whether it did). CPU time (user + system) at readiness is printed beside wall time: steadier
 * on a shared machine.
 *
 * Environment: STARTUP_RUNS (later starts, median reported; default 3), STARTUP_IDLE_SECONDS
 * (default 5).
 * Run: npm run bench startup
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { freePort } from '#server/test/tandem-process.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const REFERENCE_SERVER = `
import Fastify from 'fastify'
const app = Fastify()
app.get('/readyz', async () => ({ ok: true }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
`

interface StartFigures {
  ms: number
  /** CPU time (user + system) the process had used when it first answered: steadier than wall time on a busy machine. */
  cpuMs: number
  rssMb: number
}

/** The process's CPU time so far (user + system, its own threads; /proc/PID/stat fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND
}

/** Linux's USER_HZ, 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

async function timeStart(args: string[], env: Record<string, string>, idleSeconds: number): Promise<StartFigures> {
  const port = await freePort()
  const started = performance.now()
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const closed = new Promise((resolve) => child.once('close', resolve))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`)
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.ok,
        () => false,
      )
      if (ready) break
      if (performance.now() - started > 120_000) throw new Error('not ready after 120 s')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const ms = performance.now() - started
    const cpu = cpuMs(child.pid ?? 0)
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000))
    return { ms, cpuMs: cpu, rssMb: rssMb(child.pid ?? 0) }
  } finally {
    child.kill('SIGTERM')
    await closed
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const format = (figures: StartFigures, reference: StartFigures) =>
  `${Math.round(figures.ms)} ms (${(figures.ms / reference.ms).toFixed(1)}x the reference), CPU ${Math.round(figures.cpuMs)} ms, idle RSS ${Math.round(figures.rssMb)} MB, load ${loadavg()[0]?.toFixed(2)}`

export async function runStartupBench(env = process.env) {
  const runs = Math.max(1, Number(env.STARTUP_RUNS ?? 3))
  const idleSeconds = Number(env.STARTUP_IDLE_SECONDS ?? 5)
  console.log(`startup: load average ${loadavg()[0]?.toFixed(2)}`)
  const reference = await timeStart(['--input-type=module', '-e', REFERENCE_SERVER], {}, idleSeconds)
  console.log(
    `  reference: bare Fastify          ${Math.round(reference.ms)} ms, CPU ${Math.round(reference.cpuMs)} ms, idle RSS ${Math.round(reference.rssMb)} MB`,
  )

  // `npm run build` makes the embedded database's template (decision 036); without it a first start runs initdb.
  const hasTemplate = existsSync(path.join(ROOT, 'dist/embedded-db/template.json'))
  console.log(`  embedded database template (dist/embedded-db): ${hasTemplate ? 'built' : 'absent, run npm run build'}`)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-startup-bench-'))
  try {
    const embedded = { DATA_DIR: dataDir, DATABASE_URL: '' }
    const first = await timeStart(['src/server/main.ts'], embedded, idleSeconds)
    console.log(`  embedded, first start            ${format(first, reference)}`)
    const later: StartFigures[] = []
    for (let run = 0; run < runs; run++) later.push(await timeStart(['src/server/main.ts'], embedded, idleSeconds))
    const laterMedian = {
      ms: median(later.map((run) => run.ms)),
      cpuMs: median(later.map((run) => run.cpuMs)),
      rssMb: median(later.map((run) => run.rssMb)),
    }
    console.log(`  embedded, later start (median)   ${format(laterMedian, reference)}`)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }

  const serverUrl = env.TEST_DATABASE_URL || env.DATABASE_URL
  if (serverUrl) {
    // An empty database: the first start runs every migration, as on the embedded one.
    const name = `tandem_startup_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    try {
      const postgres = { DATABASE_URL: url.toString() }
      const first = await timeStart(['src/server/main.ts'], postgres, idleSeconds)
      console.log(`  PostgreSQL, first start          ${format(first, reference)}`)
      const later = await timeStart(['src/server/main.ts'], postgres, idleSeconds)
      console.log(`  PostgreSQL, later start          ${format(later, reference)}`)
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  console.log(`startup: load average after ${loadavg()[0]?.toFixed(2)}`)
}
