import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { freePort, startTandem, waitForReady } from '#server/test/tandem-process.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-main-test-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

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

  // The second start serves its metrics on a port of their own: the main port has none.
  const metricsPort = await freePort()
  const second = startTandem({ PORT: String(port), DATA_DIR: dataDir, METRICS_PORT: String(metricsPort) })
  try {
    await waitForReady(url, second.child)
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ isSetUp: true })
    const onMainPort = await fetch(`${url}/metrics`)
    expect(onMainPort.status).toBe(404)
    expect((await onMainPort.json()).error.code).toBe('route_not_found')
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
    expect(metrics.status).toBe(200)
    expect(await metrics.text()).toMatch(/^tandem_info\{version="[^"]+",database="pglite"\} 1$/m)
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
