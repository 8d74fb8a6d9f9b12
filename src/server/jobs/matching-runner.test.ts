import { describe, expect, it } from 'vitest'
import { generateCohort } from '#matching/generate-cohort.ts'
import { runMatchingInWorker } from './matching-runner.ts'

describe('runMatchingInWorker', () => {
  it('runs the engine in a worker thread and reports progress', async () => {
    const cohort = generateCohort({ n: 60, seed: 7, type: 'peer' })
    const progress: number[] = []
    const { result, criteriaTotals } = await runMatchingInWorker(cohort, { onProgress: (p) => progress.push(p) })
    expect(result.stats.participants).toBe(60)
    expect(result.matches.length).toBeGreaterThan(20)
    expect(result.solver.exact).toBe(true)
    expect(progress).toEqual([30, 75])
    expect(criteriaTotals.pairs).toBe(result.matches.length)
    const points = result.matches.reduce((sum, m) => sum + (m.criteria?.overlap.points ?? 0), 0)
    expect(criteriaTotals.points.overlap).toBe(points)
  })

  it('sums the criteria over every pair inside the circles', async () => {
    const cohort = generateCohort({ n: 40, seed: 3, type: 'circles' })
    const { result, criteriaTotals } = await runMatchingInWorker(cohort)
    const pairs = result.matches.reduce((sum, m) => sum + (m.members.length * (m.members.length - 1)) / 2, 0)
    expect(criteriaTotals.pairs).toBe(pairs)
    expect(pairs).toBeGreaterThan(0)
  })

  it('rejects with the field the engine refused', async () => {
    const cohort = generateCohort({ n: 4, seed: 1, type: 'peer' })
    cohort.participants[2].seniority = 12
    await expect(runMatchingInWorker(cohort)).rejects.toThrow(/participants\[2\]\.seniority/)
  })
})
