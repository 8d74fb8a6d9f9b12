/**
 * The web app on a phone: Lighthouse (a dev dependency, driving Debian's Chromium; nothing is
 * downloaded) on five pages of the demo organization (`npm run seed:demo` into a temporary embedded
 * database, served by the production build with NODE_ENV=production): sign-in, a participant's home,
 * a program manager's program page and its Insights tab, and a participant's match workspace. Each
 * page is measured with Lighthouse's mobile settings (a mid-range phone: 4x CPU slowdown, slow 4G)
 * and, as the reference in the same run, with its desktop settings. It prints the performance score,
 * LCP, TBT, CLS and the accessibility score of each, the mobile/desktop ratio, and the load average.
 *
 * Environment: WEB_RUNS (Lighthouse runs per page and form factor, median reported; default 1),
 * CHROME_PATH (default /usr/bin/chromium), WEB_REPORTS (a directory: each run's Lighthouse JSON report
 * is written there, to read the LCP element, the request chains and the main-thread work), WEB_PAGES
 * (page names, comma-separated: only those), WEB_DESKTOP=0 (skip the desktop reference while iterating). Builds the web app first when dist/web is missing.
 * Run: npm run bench web
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_PASSWORD, demoPeople } from '../scripts/demo-organization.ts'
import { freePort } from '../src/server/test/tandem-process.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const LIGHTHOUSE = path.join(ROOT, 'node_modules/lighthouse/cli/index.js')

interface Measure {
  performance: number
  accessibility: number
  lcpMs: number
  tbtMs: number
  cls: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function node(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' })
}

async function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', resolve))
}

async function waitUntilReady(url: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the server did not become ready in 60 s')
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  })
  if (!response.ok) throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`)
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } })
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
  return (await response.json()) as T
}

/**
 * One Lighthouse run; a run Lighthouse itself reports as broken (a trace it failed to record,
 * NO_NAVSTART) is run again, up to twice, and said so: it measured nothing, so it is not a figure.
 */
function lighthouse(url: string, cookie: string | null, formFactor: 'mobile' | 'desktop', reportName: string): Measure {
  for (let attempt = 1; ; attempt++) {
    try {
      return lighthouseOnce(url, cookie, formFactor, reportName)
    } catch (error) {
      if (attempt >= 3) throw error
      console.log(
        `web: Lighthouse on ${url} (${formFactor}) failed (${String(error).split('\n')[0].slice(0, 160)}); again`,
      )
    }
  }
}

function lighthouseOnce(
  url: string,
  cookie: string | null,
  formFactor: 'mobile' | 'desktop',
  reportName: string,
): Measure {
  const args = [
    LIGHTHOUSE,
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
    ...(cookie ? [`--extra-headers=${JSON.stringify({ cookie })}`] : []),
  ]
  const output = execFileSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const report = JSON.parse(output.toString('utf8'))
  const reportsDir = process.env.WEB_REPORTS
  if (reportsDir) {
    mkdirSync(reportsDir, { recursive: true })
    writeFileSync(path.join(reportsDir, `${reportName}-${formFactor}.json`), output)
  }
  if (report.runtimeError) throw new Error(`Lighthouse on ${url}: ${report.runtimeError.message}`)
  const audit = (id: string) => Number(report.audits[id]?.numericValue ?? Number.NaN)
  return {
    performance: Math.round((report.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((report.categories.accessibility.score ?? 0) * 100),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
  }
}

function medianMeasure(runs: Measure[]): Measure {
  return {
    performance: median(runs.map((run) => run.performance)),
    accessibility: median(runs.map((run) => run.accessibility)),
    lcpMs: median(runs.map((run) => run.lcpMs)),
    tbtMs: median(runs.map((run) => run.tbtMs)),
    cls: median(runs.map((run) => run.cls)),
  }
}

export async function runWebBench() {
  const runs = Math.max(1, Number(process.env.WEB_RUNS ?? 1))
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    console.log('web: building the web app (vite build)')
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    })
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-web-bench-'))
  let server: ChildProcess | null = null
  try {
    const seed = node('scripts/seed-demo.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' })
    if ((await waitForExit(seed)) !== 0) throw new Error('seed:demo failed')
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    server = node('src/server/main.ts', {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    })
    await waitUntilReady(url, server)

    const people = demoPeople()
    const manager = people.find((person) => person.role === 'program_manager')
    if (!manager) throw new Error('the demo organization has a program manager')
    const managerCookie = await signIn(url, manager.email)
    const { programs } = await getJson<{ programs: { id: string }[] }>(`${url}/api/programs`, managerCookie)
    const programId = programs[0]?.id
    // A participant with an active match: their home and their workspace.
    let participant: { cookie: string; matchId: string } | null = null
    for (const person of people.filter((candidate) => candidate.role === 'participant')) {
      const cookie = await signIn(url, person.email)
      const { matches } = await getJson<{ matches: { id: string; status: string }[] }>(`${url}/api/me/matches`, cookie)
      const active = matches.find((match) => match.status === 'active')
      if (active) {
        participant = { cookie, matchId: active.id }
        break
      }
    }
    if (!programId || !participant) throw new Error('the demo organization has a program and an active match')

    const pages = [
      { name: 'sign-in', url: `${url}/sign-in`, cookie: null },
      { name: 'home', url: `${url}/`, cookie: participant.cookie },
      { name: 'program', url: `${url}/programs/${programId}`, cookie: managerCookie },
      { name: 'insights', url: `${url}/programs/${programId}?tab=insights`, cookie: managerCookie },
      { name: 'workspace', url: `${url}/matches/${participant.matchId}`, cookie: participant.cookie },
    ]
    const only = process.env.WEB_PAGES?.split(',').map((name) => name.trim())
    const withDesktop = process.env.WEB_DESKTOP !== '0'
    const [load1] = loadavg()
    console.log(
      `web: Lighthouse ${runs === 1 ? 'once' : `${runs} times (median)`} per page, load average ${load1?.toFixed(2)}`,
    )
    console.log(
      'page       | mobile perf | desktop perf (reference) | mobile/desktop | mobile LCP | mobile TBT | CLS   | a11y',
    )
    for (const page of pages.filter((candidate) => !only || only.includes(candidate.name))) {
      const measure = (formFactor: 'mobile' | 'desktop') =>
        medianMeasure(
          Array.from({ length: runs }, (_, run) =>
            lighthouse(page.url, page.cookie, formFactor, `${page.name}-${run + 1}`),
          ),
        )
      const mobile = measure('mobile')
      const desktop = withDesktop ? measure('desktop') : null
      console.log(
        [
          page.name.padEnd(10),
          String(mobile.performance).padStart(11),
          String(desktop?.performance ?? '-').padStart(24),
          (desktop ? (mobile.performance / desktop.performance).toFixed(2) : '-').padStart(14),
          `${Math.round(mobile.lcpMs)} ms`.padStart(10),
          `${Math.round(mobile.tbtMs)} ms`.padStart(10),
          mobile.cls.toFixed(3).padStart(5),
          `${mobile.accessibility}/${desktop?.accessibility ?? '-'}`,
        ].join(' | '),
      )
    }
    console.log(`web: load average after ${loadavg()[0]?.toFixed(2)}`)
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await waitForExit(server)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}
