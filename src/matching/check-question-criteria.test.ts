import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCohort } from './cohort.schema.ts'
import { generateCohort } from './generate-cohort.ts'
import { runMatching } from './run-matching.ts'

const checker = path.join(import.meta.dirname, 'check_question_criteria.py')
const hasPython = spawnSync('python3', ['--version']).status === 0

/** Runs the independent Python checker on a cohort and a result; its exit status and output. */
function runChecker(cohort: unknown, result: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'question-criteria-'))
  writeFileSync(path.join(dir, 'cohort.json'), JSON.stringify(cohort))
  writeFileSync(path.join(dir, 'result.json'), JSON.stringify(result))
  const run = spawnSync('python3', [checker, path.join(dir, 'cohort.json'), path.join(dir, 'result.json')], {
    encoding: 'utf8',
  })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe.skipIf(!hasPython)('check_question_criteria.py (independent, when python3 is present)', () => {
  it.each(['peer', 'mentoring'] as const)('%s: every question criterion and score of a result checks out', (type) => {
    const doc = generateCohort({ n: 300, seed: 23, type, questions: true })
    const result = runMatching(parseCohort(doc))
    const { status, output } = runChecker(doc, result)
    expect(output).toMatch(/^ok: \d+ question criteria/)
    expect(status).toBe(0)
  })

  it('catches a point that does not follow the formula', () => {
    const doc = generateCohort({ n: 60, seed: 3, questions: true })
    const result = runMatching(parseCohort(doc))
    const criterion = result.matches[0].questionCriteria![2]
    criterion.points += 1
    result.matches[0].score += 1
    const { status, output } = runChecker(doc, result)
    expect(status).toBe(1)
    expect(output).toContain('question topics')
  })
})
