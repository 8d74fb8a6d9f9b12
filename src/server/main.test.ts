import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-main-test-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function startTandem(env: Record<string, string>) {
  let output = ''
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

async function waitForReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('Tandem did not become ready')
}

test('the embedded database keeps its data across a restart, and SIGTERM shuts down cleanly', async () => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const first = startTandem({ PORT: String(port), DATA_DIR: dataDir })
  await waitForReady(url, first.child)
  expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ isSetUp: false })
  const setUp = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organizationName: 'Restart Ltd',
      name: 'Rita Restart',
      email: 'rita@restart.test',
      password: 'a long enough password',
    }),
  })
  expect(setUp.status).toBe(201)
  first.child.kill('SIGTERM')
  expect(await first.exited).toBe(0)

  const second = startTandem({ PORT: String(port), DATA_DIR: dataDir })
  try {
    await waitForReady(url, second.child)
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ isSetUp: true })
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rita@restart.test', password: 'a long enough password' }),
    })
    expect(signIn.status).toBe(200)
  } finally {
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }
}, 120_000)

test('a bad configuration value stops the start with one line naming it (exit 2)', async () => {
  const run = startTandem({ PORT: 'eighty', DATA_DIR: dataDir })
  expect(await run.exited).toBe(2)
  expect(run.output().trim()).toBe(
    'Invalid configuration: PORT: must be a port number (a whole number from 0 to 65535)',
  )
})
