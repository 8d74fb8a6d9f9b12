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

/** A fresh Tandem (the built web app, in-memory embedded database) per test file. */
export const test = base.extend<{ tandemUrl: string }, { tandem: TandemServer }>({
  tandem: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const port = await freePort()
      let log = ''
      const child = spawn(process.execPath, ['src/server/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
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
      const url = `http://127.0.0.1:${port}`
      await waitUntilReady(url, child, () => log)
      await use({ url })
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
    { scope: 'worker' },
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
