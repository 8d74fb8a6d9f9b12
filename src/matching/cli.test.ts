import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCohort, buildPerson } from './reference-model.fixture.ts'

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'tandem-match-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function match(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

const cohort = buildCohort({
  participants: [buildPerson({ id: 'a', seniority: 3 }), buildPerson({ id: 'b', seniority: 5 })],
})

describe('match CLI', () => {
  it('prints help', () => {
    const run = match(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Usage: npm run -s match -- \[--input cohort.json\] \[--output result.json\]/)
  })

  it('reads stdin and writes stdout', () => {
    const run = match([], JSON.stringify(cohort))
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    const result = JSON.parse(run.stdout)
    expect(result.matches[0].members).toEqual(['a', 'b'])
    expect(result.solver).toMatchObject({ name: 'tandem/blossom', exact: true, candidateTopK: 50 })
  })

  it('reads and writes files', () => {
    const input = join(dir, 'cohort.json')
    const output = join(dir, 'result.json')
    writeFileSync(input, JSON.stringify(cohort))
    const run = match(['--input', input, '--output', output])
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('')
    expect(JSON.parse(readFileSync(output, 'utf8')).totalScore).toBeGreaterThan(0)
  })

  it('exits 2 with one line naming the field, and writes nothing', () => {
    const output = join(dir, 'never.json')
    const bad = { ...cohort, participants: [cohort.participants[0], { ...cohort.participants[1], seniority: 0 }] }
    const run = match(['--output', output], JSON.stringify(bad))
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('invalid cohort: participants[1].seniority: must be an integer 1..8\n')
    expect(run.stdout).toBe('')
    expect(existsSync(output)).toBe(false)
  })

  it.each([
    ['invalid JSON', '{"schemaVersion"', /^invalid cohort: not valid JSON \(.+\)\n$/],
    [
      'an empty cohort',
      JSON.stringify({ ...cohort, participants: [] }),
      /^invalid cohort: participants: must not be empty/,
    ],
    [
      'a management cycle',
      JSON.stringify({ ...cohort, participants: [buildPerson({ id: 'a', managerId: 'a' })] }),
      /cycle/,
    ],
  ])('exits 2 on %s', (_, input, message) => {
    const run = match([], input)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses a 50 MB file with one line, without reading it', () => {
    const input = join(dir, 'huge.json')
    writeFileSync(input, Buffer.alloc(50 * 1024 * 1024, 0x20))
    const run = match(['--input', input])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('invalid cohort: input is 50.0 MB, larger than the 16.0 MB limit for one cohort\n')
  })

  it('refuses an oversize stream on stdin', () => {
    const run = match([], ' '.repeat(17 * 1024 * 1024))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^invalid cohort: input is 1[67]\.\d MB, larger than the 16.0 MB limit/)
  })

  it('exits 2 on a missing file or an unknown flag', () => {
    expect(match(['--input', join(dir, 'nope.json')]).stderr).toBe(
      `invalid cohort: --input: cannot read ${join(dir, 'nope.json')} (ENOENT)\n`,
    )
    const run = match(['--frobnicate'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^error: Unknown option '--frobnicate'.*\(see --help\)\n$/)
  })
})
