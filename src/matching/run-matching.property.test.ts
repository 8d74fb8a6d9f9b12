import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCohort } from './cohort.schema.ts'
import {
  cohortArb,
  cohortWithQuestionsArb,
  expectValid,
  type Model,
  modelFeasible,
  modelOf,
  modelOptimum,
} from './reference-model.fixture.ts'
import type { MatchingResult } from './result.schema.ts'
import { runMatching } from './run-matching.ts'

const RUNS = Number(process.env.MATCHING_PROPERTY_RUNS ?? 150)

function run(doc: unknown): { result: MatchingResult; model: Model } {
  const result = runMatching(parseCohort(doc), { now: () => 0 })
  return { result, model: modelOf(doc as Parameters<typeof modelOf>[0]) }
}

describe('runMatching on random cohorts of up to 12 people', () => {
  it.each(['peer', 'mentoring'] as const)('%s: valid, and the total equals the brute-force optimum', (type) => {
    fc.assert(
      fc.property(cohortArb(type), (doc) => {
        const { result, model } = run(doc)
        expectValid(result, model)
        const best = modelOptimum(model)
        expect(result.totalScore).toBe(best.total)
        if (model.objective === 'maxCardinalityThenWeight') expect(result.matches.length).toBe(best.pairs)
      }),
      { numRuns: RUNS },
    )
  })

  it.each(['peer', 'mentoring'] as const)(
    '%s with question criteria: every score recomputed independently, the total equals the brute-force optimum',
    (type) => {
      fc.assert(
        fc.property(cohortWithQuestionsArb(type), (doc) => {
          const { result, model } = run(doc)
          expectValid(result, model)
          expect(result.totalScore).toBe(modelOptimum(model).total)
        }),
        { numRuns: RUNS },
      )
    },
  )

  it('circles with question criteria: valid, every pair score recomputed independently', () => {
    fc.assert(
      fc.property(cohortWithQuestionsArb('circles'), (doc) => {
        const { result, model } = run(doc)
        expectValid(result, model)
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('circles: valid, and nobody left out who could join a circle or found one with others left out', () => {
    fc.assert(
      fc.property(cohortArb('circles'), (doc) => {
        const { result, model: m } = run(doc)
        expectValid(result, m)
        const index = new Map(m.ids.map((id, i) => [id, i]))
        const out = result.unmatched.map((u) => index.get(u.id)!)
        for (const x of out) {
          for (const match of result.matches) {
            const ids = match.members.map((id) => index.get(id)!)
            const canJoin = ids.length < m.circles.maxSize && ids.every((y) => modelFeasible(m, x, y))
            expect(canJoin).toBe(false)
          }
        }
        expect(hasFeasibleGroup(m, out, m.circles.minSize)).toBe(false)
      }),
      { numRuns: RUNS },
    )
  })

  it.each(['peer', 'mentoring', 'circles'] as const)('%s: the same cohort gives the same result', (type) => {
    fc.assert(
      fc.property(cohortArb(type), (doc) => {
        const first = JSON.stringify(run(doc).result)
        expect(JSON.stringify(run(structuredClone(doc)).result)).toBe(first)
      }),
      { numRuns: 30 },
    )
  })
})

/** Is there a set of `size` people among `pool`, all pairwise feasible? */
function hasFeasibleGroup(m: Model, pool: number[], size: number): boolean {
  const pick = (from: number, chosen: number[]): boolean => {
    if (chosen.length === size) return true
    for (let k = from; k < pool.length; k++) {
      if (chosen.every((c) => modelFeasible(m, c, pool[k])) && pick(k + 1, [...chosen, pool[k]])) return true
    }
    return false
  }
  return pick(0, [])
}
