import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCohort } from './cohort.schema.ts'
import {
  cohortArb,
  type Model,
  modelBreakdown,
  modelCapacity,
  modelFeasible,
  modelFeasibleEither,
  modelOf,
  modelOptimum,
  modelScore,
} from './reference-model.fixture.ts'
import type { MatchingResult } from './result.schema.ts'
import { MatchingResultSchema } from './result.schema.ts'
import { runMatching } from './run-matching.ts'

const RUNS = Number(process.env.MATCHING_PROPERTY_RUNS ?? 150)

function run(doc: unknown): { result: MatchingResult; model: Model } {
  const result = runMatching(parseCohort(doc), { now: () => 0 })
  return { result, model: modelOf(doc as Parameters<typeof modelOf>[0]) }
}

/** Every participant once (mentors: up to capacity), every pair feasible and scored by the formula, reasons true. */
function expectValid(result: MatchingResult, m: Model): void {
  expect(MatchingResultSchema.safeParse(result).success).toBe(true)
  const index = new Map(m.ids.map((id, i) => [id, i]))
  const seen = new Array(m.n).fill(0)
  const load = new Array(m.n).fill(0)
  let total = 0
  for (const match of result.matches) {
    const ids = match.members.map((id) => index.get(id)!)
    if (m.type === 'mentoring') {
      const [mentor, mentee] = ids
      expect(modelFeasible(m, mentor, mentee)).toBe(true)
      load[mentor]++
      seen[mentee]++
    } else {
      for (const i of ids) seen[i]++
    }
    if (m.type === 'circles') {
      expect(ids.length).toBeGreaterThanOrEqual(m.circles.minSize)
      expect(ids.length).toBeLessThanOrEqual(m.circles.maxSize)
      let sum = 0
      for (let a = 0; a < ids.length; a++) {
        for (let b = a + 1; b < ids.length; b++) {
          expect(modelFeasible(m, ids[a], ids[b])).toBe(true)
          sum += modelScore(m, ids[a], ids[b])
        }
      }
      expect(match.score).toBe(Math.floor(sum / (ids.length - 1)))
      expect(match.pairScores).toHaveLength((ids.length * (ids.length - 1)) / 2)
      for (const pair of match.pairScores!) {
        expect(pair.score).toBe(modelScore(m, index.get(pair.members[0])!, index.get(pair.members[1])!))
      }
    } else {
      expect(ids).toHaveLength(2)
      expect(modelFeasible(m, ids[0], ids[1])).toBe(true)
      const expected = modelBreakdown(m, ids[0], ids[1])
      for (const [name, c] of Object.entries(expected)) {
        const got = match.criteria![name as keyof NonNullable<typeof match.criteria>]
        expect({ points: got.points, num: got.num, den: got.den }).toEqual(c)
      }
      expect(match.score).toBe(modelScore(m, ids[0], ids[1]))
    }
    total += match.score
  }
  expect(result.totalScore).toBe(total)
  const unmatched = new Map(result.unmatched.map((u) => [index.get(u.id)!, u.reason]))
  expect(unmatched.size).toBe(result.unmatched.length)
  for (let i = 0; i < m.n; i++) {
    const isMentor = m.type === 'mentoring' && m.people[i].role === 'mentor'
    if (isMentor) {
      expect(load[i]).toBeLessThanOrEqual(modelCapacity(m, i))
      expect(seen[i]).toBe(0)
      expect(unmatched.has(i)).toBe(load[i] === 0)
    } else {
      expect(load[i]).toBe(0)
      expect(seen[i] + (unmatched.has(i) ? 1 : 0)).toBe(1)
    }
    const reason = unmatched.get(i)
    if (reason !== undefined) {
      const hasPartner = m.ids.some((_, j) => modelFeasibleEither(m, i, j))
      expect(reason).toBe(hasPartner ? 'not_selected' : 'no_feasible_partner')
    }
  }
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
