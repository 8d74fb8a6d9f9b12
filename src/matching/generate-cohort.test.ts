import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCohort } from './cohort.schema.ts'
import { formatCohort, generateCohort } from './generate-cohort.ts'
import { createPythonRandom } from './python-random.ts'

const SHARED = fileURLToPath(new URL('../../../shared/matching/', import.meta.url))
const hasShared = existsSync(SHARED)

describe('createPythonRandom', () => {
  it("reproduces CPython's random.Random(42)", () => {
    // python3 -c "import random; r = random.Random(42); print([r.random() for _ in range(3)], r.randint(1, 6))"
    const rng = createPythonRandom(42)
    expect([rng.random(), rng.random(), rng.random()]).toEqual([
      0.6394267984578837, 0.025010755222666936, 0.27502931836911926,
    ])
    expect(rng.randint(1, 6)).toBe(2)
  })
})

describe('generateCohort', () => {
  it('makes valid, deterministic cohorts of the requested size', () => {
    const doc = generateCohort({ n: 300, seed: 5, type: 'mentoring' })
    const cohort = parseCohort(doc)
    expect(cohort.participants).toHaveLength(300)
    expect(cohort.org.people.length).toBeGreaterThan(50)
    expect(cohort.participants.every((p) => p.role !== undefined)).toBe(true)
    expect(formatCohort(generateCohort({ n: 300, seed: 5, type: 'mentoring' }))).toBe(formatCohort(doc))
    expect(formatCohort(generateCohort({ n: 300, seed: 6, type: 'mentoring' }))).not.toBe(formatCohort(doc))
  })

  it.skipIf(!hasShared).each(['peer', 'mentoring', 'circles'] as const)(
    '%s: byte-identical to the example gen_cohort.py made (n 12, seed 3, k 5)',
    (type) => {
      const expected = readFileSync(`${SHARED}cohort_${type}_small.json`, 'utf8')
      expect(formatCohort(generateCohort({ n: 12, seed: 3, type, topK: 5 }))).toBe(expected)
    },
  )
})
