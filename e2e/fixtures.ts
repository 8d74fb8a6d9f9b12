import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

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

interface RunningServer extends TandemServer {
  file: string
  stop: () => Promise<void>
}

async function startTandem(file: string): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let log = ''
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Links in emails must lead to the address the browser uses, or its cookies would not follow.
      PUBLIC_URL: url,
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
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
  }
  try {
    await waitUntilReady(url, child, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, file, stop }
}

/** Gives each spec file its own server; a worker runs files one after another, so one server lives at a time. */
export interface TandemServers {
  forFile: (file: string) => Promise<TandemServer>
}

/**
 * A fresh Tandem (the built web app, in-memory embedded database) per test file: a journey starts
 * from an empty instance even when its worker ran another file before (Playwright reuses workers
 * across files, so a worker-scoped server alone would be shared).
 */
export const test = base.extend<{ tandem: TandemServer; tandemUrl: string }, { tandemServers: TandemServers }>({
  tandemServers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const state: { current: Promise<RunningServer> | null } = { current: null }
      // A server that failed to start has already reported its error to the test that asked for it.
      const settled = async () => (await state.current?.catch(() => null)) ?? null
      await use({
        forFile: async (file) => {
          const running = await settled()
          if (running?.file === file) return running
          state.current = (async () => {
            await running?.stop()
            return startTandem(file)
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
    async ({ tandemServers }, use, testInfo) => use(await tandemServers.forFile(testInfo.file)),
    { timeout: 90_000 },
  ],
  tandemUrl: async ({ tandem }, use) => use(tandem.url),
  baseURL: async ({ tandem }, use) => use(tandem.url),
})

export { expect }

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
