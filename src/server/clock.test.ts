import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { fixedClock } from './clock.ts'

const serverRoot = path.dirname(fileURLToPath(import.meta.url))

/** Reads of the real clock: JavaScript's, and SQL's (which is the database server's clock). */
const REAL_CLOCK = [
  { name: 'new Date()', pattern: /new Date\(\s*\)/g },
  { name: 'Date.now()', pattern: /Date\.now\(\s*\)/g },
  { name: 'SQL now()', pattern: /(?<![\w.])now\(\s*\)(?!\s*:)/gi },
  { name: 'SQL current_date/current_timestamp', pattern: /\b(current_date|current_timestamp|localtimestamp)\b/gi },
]

/**
 * Where the server may read the real clock (decision 018), with how many reads each holds:
 * clock.ts is the system clock itself; the job runner's drain waits real time, and its drain and
 * counts ask the queue (pg-boss, on the database's clock) which jobs are due; the System page counts
 * the emails of the last day by outbox_emails.created_at, which the database's default writes (its
 * clock against its clock). Anything else takes `now` from AppContext.clock.
 */
const ALLOWED: Record<string, Record<string, number>> = {
  'clock.ts': { 'new Date()': 1 },
  'jobs/job-runner.ts': { 'Date.now()': 2, 'SQL now()': 2 },
  'modules/system/system.repository.ts': { 'SQL now()': 1 },
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return ['test', 'migrations'].includes(entry.name) ? [] : sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** The code without comments, so a comment that mentions now() is not a read. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

describe('one clock', () => {
  test('no server file outside the allow-list reads the real clock (migrations and tests aside)', () => {
    const found: Record<string, Record<string, number>> = {}
    for (const file of sourceFiles(serverRoot)) {
      const code = withoutComments(readFileSync(file, 'utf8'))
      for (const { name, pattern } of REAL_CLOCK) {
        const count = code.match(pattern)?.length ?? 0
        if (count === 0) continue
        const relative = path.relative(serverRoot, file).split(path.sep).join('/')
        found[relative] = { ...found[relative], [name]: count }
      }
    }
    // Take the time from AppContext.clock (a `now: Date` parameter) instead of adding to this list.
    expect(found).toEqual(ALLOWED)
  })

  test('a fixed clock stands still until it is set or advanced', () => {
    const clock = fixedClock('2027-03-28T00:30:00Z')
    expect(clock.now().toISOString()).toBe('2027-03-28T00:30:00.000Z')
    expect(clock.now().toISOString()).toBe('2027-03-28T00:30:00.000Z')
    clock.advance(90 * 60_000)
    expect(clock.now().toISOString()).toBe('2027-03-28T02:00:00.000Z')
    clock.set('2030-10-27T01:00:00Z')
    expect(clock.now().toISOString()).toBe('2030-10-27T01:00:00.000Z')
    const copy = clock.now()
    copy.setUTCFullYear(1999)
    expect(clock.now().getUTCFullYear()).toBe(2030)
    expect(() => fixedClock('not a date')).toThrow(/Not an instant/)
  })
})
