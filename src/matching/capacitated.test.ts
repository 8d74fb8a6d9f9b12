import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maxWeightMatching } from './blossom.ts'
import type { CandidateGraph } from './candidate-graph.ts'
import { maxWeightCapacitatedAssignment } from './capacitated.ts'
import { defaultSolver, solveMentoring, solveMentoringReplicated } from './pairing.ts'

/** A random bipartite graph: mentors 0..mentors-1, mentees after them, each edge with probability `density`. */
function randomGraph(
  seed: number,
  mentors: number,
  mentees: number,
  density: number,
  maxWeight: number,
  maxCapacity: number,
) {
  let state = seed >>> 0 || 1
  const next = () => {
    // xorshift32: deterministic, no dependency
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 2 ** 32
  }
  const n = mentors + mentees
  const capacity = new Int32Array(n).fill(1)
  for (let m = 0; m < mentors; m++) capacity[m] = 1 + Math.floor(next() * maxCapacity)
  const u: number[] = []
  const v: number[] = []
  const w: number[] = []
  for (let a = 0; a < mentors; a++) {
    for (let b = mentors; b < n; b++) {
      if (next() >= density) continue
      u.push(a)
      v.push(b)
      w.push(Math.floor(next() * (maxWeight + 1)))
    }
  }
  const graph: CandidateGraph = {
    n,
    edgeU: Int32Array.from(u),
    edgeV: Int32Array.from(v),
    score: Float64Array.from(w),
    hasFeasiblePartner: new Uint8Array(n),
  }
  return { graph, capacity }
}

const totalOf = (graph: CandidateGraph, pairs: [number, number][]) => {
  const weight = new Map<number, number>()
  for (let e = 0; e < graph.edgeU.length; e++) weight.set(graph.edgeU[e] * graph.n + graph.edgeV[e], graph.score[e])
  return pairs.reduce((sum, [a, b]) => sum + weight.get(a * graph.n + b)!, 0)
}

/** Every capacitated assignment, by brute force: the best (cardinality, total) for each objective. */
function bruteForce(graph: CandidateGraph, capacity: Int32Array) {
  const room = Int32Array.from(capacity)
  const byMentee = new Map<number, number[]>()
  for (let e = 0; e < graph.edgeU.length; e++) {
    const list = byMentee.get(graph.edgeV[e]) ?? []
    list.push(e)
    byMentee.set(graph.edgeV[e], list)
  }
  const mentees = [...byMentee.keys()]
  let bestWeight = 0
  let bestCardinality = { pairs: 0, total: 0 }
  const visit = (k: number, pairs: number, total: number) => {
    if (total > bestWeight) bestWeight = total
    if (pairs > bestCardinality.pairs || (pairs === bestCardinality.pairs && total > bestCardinality.total)) {
      bestCardinality = { pairs, total }
    }
    if (k === mentees.length) return
    visit(k + 1, pairs, total)
    for (const e of byMentee.get(mentees[k])!) {
      const mentor = graph.edgeU[e]
      if (room[mentor] === 0) continue
      room[mentor]--
      visit(k + 1, pairs + 1, total + graph.score[e])
      room[mentor]++
    }
  }
  visit(0, 0, 0)
  return { bestWeight, bestCardinality }
}

/** The assignment respects capacities, uses edges of the graph, and gives each mentee one mentor at most. */
function expectValid(graph: CandidateGraph, capacity: Int32Array, pairs: [number, number][]) {
  const edges = new Set<number>()
  for (let e = 0; e < graph.edgeU.length; e++) edges.add(graph.edgeU[e] * graph.n + graph.edgeV[e])
  const load = new Int32Array(graph.n)
  const mentees = new Set<number>()
  for (const [a, b] of pairs) {
    expect(edges.has(a * graph.n + b)).toBe(true)
    expect(mentees.has(b)).toBe(false)
    mentees.add(b)
    load[a]++
  }
  for (let m = 0; m < graph.n; m++) expect(load[m]).toBeLessThanOrEqual(capacity[m])
}

describe('maxWeightCapacitatedAssignment', () => {
  it('gives a mentor up to its capacity, and moves a mentee when that frees a better pair', () => {
    // mentor 0 (capacity 2) and mentor 1 (capacity 1); mentees 2, 3, 4
    const graph: CandidateGraph = {
      n: 5,
      edgeU: Int32Array.from([0, 0, 0, 1]),
      edgeV: Int32Array.from([2, 3, 4, 2]),
      score: Float64Array.from([10, 9, 1, 8]),
      hasFeasiblePartner: new Uint8Array(5),
    }
    const capacity = Int32Array.from([2, 1, 1, 1, 1])
    // by weight: 0-2 and 0-3 (19) beat 0-3, 0-4 and 1-2 (18)
    expect(solveMentoring(graph, capacity, false, defaultSolver)).toEqual([
      [0, 2],
      [0, 3],
    ])
    // as many pairs as possible first: 1-2, 0-3, 0-4 (3 pairs, 18)
    expect(solveMentoring(graph, capacity, true, defaultSolver)).toEqual([
      [0, 3],
      [0, 4],
      [1, 2],
    ])
  })

  it('never uses an edge of weight 0, and handles mentors without edges and empty graphs', () => {
    const graph: CandidateGraph = {
      n: 4,
      edgeU: Int32Array.from([0, 0]),
      edgeV: Int32Array.from([2, 3]),
      score: Float64Array.from([0, 5]),
      hasFeasiblePartner: new Uint8Array(4),
    }
    const capacity = Int32Array.from([3, 2, 1, 1])
    expect(solveMentoring(graph, capacity, false, defaultSolver)).toEqual([[0, 3]])
    expect(solveMentoring(graph, capacity, true, defaultSolver)).toEqual([
      [0, 2],
      [0, 3],
    ])
    const empty = { ...graph, edgeU: new Int32Array(0), edgeV: new Int32Array(0), score: new Float64Array(0) }
    expect(solveMentoring(empty, capacity, false, defaultSolver)).toEqual([])
  })

  it('refuses an edge from a mentee (a participant on both sides) or a weight that is not an integer', () => {
    const capacity = Int32Array.from([1, 1, 1])
    const base = { n: 3, capacity }
    expect(() =>
      maxWeightCapacitatedAssignment({
        ...base,
        edgeU: Int32Array.from([0, 1]),
        edgeV: Int32Array.from([1, 2]),
        weight: Float64Array.from([1, 1]),
      }),
    ).toThrow(RangeError)
    expect(() =>
      maxWeightCapacitatedAssignment({
        ...base,
        edgeU: Int32Array.from([0]),
        edgeV: Int32Array.from([1]),
        weight: Float64Array.from([1.5]),
      }),
    ).toThrow(RangeError)
  })

  it('equals the brute-force optimum on small random graphs, both objectives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0.2, max: 1, noNaN: true }),
        fc.constantFrom(1, 3, 10, 1000),
        fc.integer({ min: 1, max: 3 }),
        (seed, mentors, mentees, density, maxWeight, maxCapacity) => {
          const { graph, capacity } = randomGraph(seed, mentors, mentees, density, maxWeight, maxCapacity)
          const best = bruteForce(graph, capacity)
          const byWeight = solveMentoring(graph, capacity, false, defaultSolver)
          expectValid(graph, capacity, byWeight)
          expect(totalOf(graph, byWeight)).toBe(best.bestWeight)
          const byCardinality = solveMentoring(graph, capacity, true, defaultSolver)
          expectValid(graph, capacity, byCardinality)
          expect({ pairs: byCardinality.length, total: totalOf(graph, byCardinality) }).toEqual(best.bestCardinality)
        },
      ),
      { numRuns: Number(process.env.MATCHING_PROPERTY_RUNS ?? 300) },
    )
  })

  it('equals the replicated method (blossom on mentor copies) on larger random graphs, ties included', () => {
    const runs = Number(process.env.MATCHING_DIFFERENTIAL_RUNS ?? 40)
    for (let run = 0; run < runs; run++) {
      const seed = 7000 + run
      const mentors = 5 + (run % 7) * 6
      const mentees = 20 + ((run * 37) % 160)
      // small weights make many ties between optima; large ones make them rare
      const maxWeight = [2, 9, 100, 10_000][run % 4]
      const { graph, capacity } = randomGraph(seed, mentors, mentees, 0.05 + (run % 5) * 0.08, maxWeight, 1 + (run % 4))
      for (const isMaxCardinality of [false, true]) {
        const ours = solveMentoring(graph, capacity, isMaxCardinality, defaultSolver)
        const replicated = solveMentoringReplicated(graph, capacity, isMaxCardinality, maxWeightMatching)
        expectValid(graph, capacity, ours)
        expect({ seed, isMaxCardinality, pairs: ours.length, total: totalOf(graph, ours) }).toEqual({
          seed,
          isMaxCardinality,
          pairs: isMaxCardinality ? replicated.length : ours.length,
          total: totalOf(graph, replicated),
        })
      }
    }
  })

  it('is deterministic', () => {
    const { graph, capacity } = randomGraph(99, 30, 200, 0.3, 5, 3)
    const first = solveMentoring(graph, capacity, false, defaultSolver)
    expect(solveMentoring(graph, capacity, false, defaultSolver)).toEqual(first)
  })
})
