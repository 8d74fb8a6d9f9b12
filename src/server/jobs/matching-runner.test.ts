import { describe, expect, it } from 'vitest'
import { generateCohort } from '#matching/generate-cohort.ts'
import { runMatchingInWorker } from './matching-runner.ts'

describe('runMatchingInWorker', () => {
  it('runs the engine in a worker thread and reports progress', async () => {
    const cohort = generateCohort({ n: 60, seed: 7, type: 'peer' })
    const progress: number[] = []
    const result = await runMatchingInWorker(cohort, { onProgress: (p) => progress.push(p) })
    expect(result.stats.participants).toBe(60)
    expect(result.matches.length).toBeGreaterThan(20)
    expect(result.solver.exact).toBe(true)
    expect(progress).toEqual([30])
  })

  it('rejects with the field the engine refused', async () => {
    const cohort = generateCohort({ n: 4, seed: 1, type: 'peer' })
    cohort.participants[2].seniority = 12
    await expect(runMatchingInWorker(cohort)).rejects.toThrow(/participants\[2\]\.seniority/)
  })
})
