import { existsSync } from 'node:fs'

/**
 * The instant the journeys run at. With `TANDEM_E2E_NOW` set (an ISO instant, e.g.
 * `2031-01-01T09:00:00Z`), the run's clock starts there and runs on: every Tandem server and
 * seed:demo process the fixtures spawn runs under libfaketime, every browser context's clock is
 * installed at the same moment (Chromium does not start under libfaketime), and the specs compute
 * their expected dates with `e2eNow()`. Unset, all of them read the real clock.
 *
 * One shared offset instead of `FAKETIME='@…'` per process: '@' starts each process's clock at the
 * instant when that process starts, so a server started after a 20-second seed, or a page opened a
 * minute into a journey, would each be behind the others. `playwright.config.ts` records when the
 * run started (`TANDEM_E2E_STARTED_AT`, inherited by the workers), and every clock is
 * `real time + (TANDEM_E2E_NOW - TANDEM_E2E_STARTED_AT)`.
 */

export const libfaketimePath = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

/** `TANDEM_E2E_NOW` as epoch milliseconds, or null when unset; throws on a value that is not an instant. */
export function configuredNow(value = process.env.TANDEM_E2E_NOW): number | null {
  if (value === undefined || value === '') return null
  const at = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(at))
    throw new Error(`TANDEM_E2E_NOW must be an ISO instant with a zone (e.g. 2031-01-01T09:00:00Z), not "${value}"`)
  return at
}

/** How far the run's clock is ahead of the real one, in whole seconds (libfaketime's offset); 0 when unset. */
export function clockOffsetSeconds(): number {
  const now = configuredNow()
  if (now === null) return 0
  const startedAt = Number(process.env.TANDEM_E2E_STARTED_AT)
  if (!Number.isFinite(startedAt))
    throw new Error('TANDEM_E2E_STARTED_AT is missing: playwright.config.ts sets it when TANDEM_E2E_NOW is set')
  return Math.round((now - startedAt) / 1000)
}

/** The run's current instant in epoch milliseconds: what `Date.now()` is to the server and the pages. */
export function e2eNow(): number {
  return Date.now() + clockOffsetSeconds() * 1000
}

/** The environment that puts a spawned Node process on the run's clock (empty when the real clock is used). */
export function clockEnvironment(): Record<string, string> {
  if (configuredNow() === null) return {}
  // A missing library is only a warning from the loader, and the process would run on today's date.
  if (!existsSync(libfaketimePath))
    throw new Error(`TANDEM_E2E_NOW needs libfaketime at ${libfaketimePath} (apt-get install faketime)`)
  const offset = clockOffsetSeconds()
  return {
    LD_PRELOAD: libfaketimePath,
    // A relative offset: the process's clock runs on from real time + offset, like every other one.
    FAKETIME: `${offset < 0 ? '-' : '+'}${Math.abs(offset)}`,
    // As .ci/run: timers and elapsed time (monotonic clock) stay real.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  }
}
