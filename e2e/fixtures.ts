import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, test as base, expect, type Page } from '@playwright/test'
import pg from 'pg'
import { clockEnvironment, configuredNow, e2eNow } from './clock.ts'
import { seedDemoStorage } from './demo-organization.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Tandem exited with ${child.exitCode}:\n${output()}`)
    try {
      const response = await fetch(`${url}/readyz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`Tandem did not become ready at ${url}:\n${output()}`)
}

export interface TandemServer {
  url: string
}

/**
 * What a journey's Tandem starts from: an empty in-memory instance, or the demo organization with
 * its months of history (`npm run seed:demo` into a temporary embedded database, removed after).
 */
export type TandemData = 'empty' | 'demo'

interface RunningServer extends TandemServer {
  key: string
  stop: () => Promise<void>
}

/**
 * Where a journey's Tandem keeps its data. By default the embedded database (in memory, or in the
 * seeded directory); with TEST_DATABASE_URL set (a PostgreSQL server, as for the server tests) each
 * journey's Tandem gets a fresh database of its own on that server, dropped when the server stops.
 */
interface Storage {
  env: Record<string, string>
  remove: () => Promise<void>
}

async function withPostgres<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function freshStorage(): Promise<Storage> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-e2e-'))
    return { env: { DATA_DIR: dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) }
  }
  const name = `tandem_e2e_${randomBytes(6).toString('hex')}`
  await withPostgres(serverUrl, (client) => client.query(`create database ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    remove: async () => {
      await withPostgres(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

async function startTandem(key: string, storage: Storage | null = null): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let log = ''
  // The journey's own storage decides where the data is, whatever the environment says.
  const { DATABASE_URL: _ignored, ...environment } = process.env
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: root,
    env: {
      ...environment,
      DATA_DIR: 'memory://',
      ...storage?.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Links in emails must lead to the address the browser uses, or its cookies would not follow.
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...clockEnvironment(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => {
    log += chunk
  })
  child.stderr?.on('data', (chunk) => {
    log += chunk
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
    await storage?.remove()
  }
  try {
    await waitUntilReady(url, child, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, key, stop }
}

/** A Tandem on a fresh copy of the demo organization: seeded into its own storage, then served from it. */
async function startSeededTandem(key: string): Promise<RunningServer> {
  const storage = await freshStorage()
  try {
    // The seed exits before the server starts: an embedded database has one owner at a time.
    await seedDemoStorage(storage.env)
    return await startTandem(key, storage)
  } catch (error) {
    await storage.remove()
    throw error
  }
}

/** Gives each spec file its own server; a worker runs files one after another, so one server lives at a time. */
export interface TandemServers {
  forFile: (file: string, data: TandemData) => Promise<TandemServer>
}

/**
 * A fresh Tandem (the built web app, its own database: see Storage) per test file: a journey starts
 * from an empty instance even when its worker ran another file before (Playwright reuses workers
 * across files, so a worker-scoped server alone would be shared).
 */
export const test = base.extend<
  { tandem: TandemServer; tandemUrl: string; tandemData: TandemData },
  { tandemServers: TandemServers }
>({
  // With TANDEM_E2E_NOW set, every browser context (the test's own `page` and any the journey opens
  // with `browser.newContext()`) starts its clock at the run's instant and lets it run on.
  browser: [
    async ({ browser }, use) => {
      if (configuredNow() !== null) onTheRunsClock(browser)
      await use(browser)
    },
    { scope: 'worker' },
  ],
  /** `test.use({ tandemData: 'demo' })` starts the file's Tandem on the seeded demo organization. */
  tandemData: ['empty', { option: true }],
  tandemServers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const state: { current: Promise<RunningServer> | null } = { current: null }
      // A server that failed to start has already reported its error to the test that asked for it.
      const settled = async () => (await state.current?.catch(() => null)) ?? null
      await use({
        forFile: async (file, data) => {
          const key = `${file}#${data}`
          const running = await settled()
          if (running?.key === key) return running
          state.current = (async () => {
            await running?.stop()
            if (data === 'demo') return startSeededTandem(key)
            return startTandem(key, process.env.TEST_DATABASE_URL ? await freshStorage() : null)
          })()
          return state.current
        },
      })
      await (await settled())?.stop()
    },
    { scope: 'worker' },
  ],
  // Starting a server (initdb, migrations) has its own time budget, apart from the journey's.
  tandem: [
    async ({ tandemServers, tandemData }, use, testInfo) => use(await tandemServers.forFile(testInfo.file, tandemData)),
    { timeout: 150_000 },
  ],
  tandemUrl: async ({ tandem }, use) => use(tandem.url),
  baseURL: async ({ tandem }, use) => use(tandem.url),
})

export { expect }

/**
 * Makes every context the browser opens from now on install the run's clock (`clock.install` fakes
 * `Date`, `Temporal.Now`, timers and `performance`; time keeps flowing at real pace from there).
 */
function onTheRunsClock(browser: Browser) {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    await context.clock.install({ time: e2eNow() })
    return context
  }
}

/** Fails the test with the list of WCAG A/AA violations on the current page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}

export interface Credentials {
  organizationName: string
  name: string
  email: string
  password: string
}

/** First run through the API (POST /api/setup): the organization and its admin, whose credentials it returns. */
export async function setUpOrganization(baseURL: string, overrides: Partial<Credentials> = {}): Promise<Credentials> {
  const admin: Credentials = {
    organizationName: 'Northwind Trading',
    name: 'Ada Lovelace',
    email: 'ada@northwind.example',
    password: 'correct horse battery staple',
    ...overrides,
  }
  const response = await fetch(`${baseURL}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  })
  if (response.status !== 201) throw new Error(`POST /api/setup answered ${response.status}: ${await response.text()}`)
  return admin
}

/** Signs in through the sign-in page and waits for the home page. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
}

/** The workspace tab that holds each section, by the section's heading (issue #17, point 6). */
const workspaceTabOf: Record<string, string> = {
  'At a glance': 'Overview',
  Agreement: 'Overview',
  Goals: 'Goals',
  Sessions: 'Sessions',
  'Shared notes': 'Notes',
  'Private reflections': 'Notes',
  'Action items': 'Action items',
  Feedback: 'Feedback',
  Wellbeing: 'Wellbeing',
  'How the pairing is going': 'Pairing',
}

/**
 * A section of an open match workspace, by its heading: opens its tab first when another is shown
 * (waiting for the tabs to be there), then gives the section's region.
 */
export async function workspaceSection(page: Page, name: string) {
  const tabName = workspaceTabOf[name]
  if (!tabName) throw new Error(`no workspace tab holds a section called ${name}`)
  const tab = page.getByRole('tablist', { name: 'Workspace sections' }).getByRole('tab', { name: tabName, exact: true })
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  return page.getByRole('region', { name, exact: true })
}
