import { defineConfig } from '@playwright/test'
import { configuredNow } from './e2e/clock.ts'

// With TANDEM_E2E_NOW set, the run's clock starts at that instant now (e2e/clock.ts); the workers
// inherit the moment through the environment, so they all share one offset.
if (configuredNow() !== null) process.env.TANDEM_E2E_STARTED_AT ??= String(Date.now())

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'artifacts/playwright',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
