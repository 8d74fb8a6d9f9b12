import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { buildCandidateGraph } from './candidate-graph.ts'
import { parseCohort } from './cohort.schema.ts'
import { generateCohort } from './generate-cohort.ts'
import { prepareCohort } from './prepared-cohort.ts'
import { runMatching } from './run-matching.ts'

type EdmondsBlossom = (edges: number[][], maxCardinality?: boolean) => number[]
const edmondsBlossom = createRequire(import.meta.url)('edmonds-blossom-fixed') as EdmondsBlossom

/** Cohorts per program type; MATCHING_DIFFERENTIAL_RUNS=2000 for the long check. */
const RUNS = Number(process.env.MATCHING_DIFFERENTIAL_RUNS ?? 12)

/**
 * The reference optimum on the same candidate graph, solved by the JavaScript port of van
 * Rantwijk's solver with its own maxCardinality mode (no lifting) and, for mentoring, mentors
 * replicated capacity times here.
 */
function referenceOptimum(doc: ReturnType<typeof generateCohort>): { total: number; matches: number } {
  const prep = prepareCohort(parseCohort(doc))
  const graph = buildCandidateGraph(prep)
  const edges: number[][] = []
  let vertices = prep.n
  if (prep.type === 'mentoring') {
    const copies = new Map<number, number[]>()
    for (let e = 0; e < graph.edgeU.length; e++) {
      const mentor = graph.edgeU[e]
      if (!copies.has(mentor))
        copies.set(
          mentor,
          Array.from({ length: prep.capacity[mentor] }, () => vertices++),
        )
      for (const copy of copies.get(mentor)!) edges.push([copy, graph.edgeV[e], graph.score[e]])
    }
  } else {
    for (let e = 0; e < graph.edgeU.length; e++) edges.push([graph.edgeU[e], graph.edgeV[e], graph.score[e]])
  }
  if (edges.length === 0) return { total: 0, matches: 0 }
  const mate = edmondsBlossom(edges, doc.program.objective === 'maxCardinalityThenWeight')
  let total = 0
  let matches = 0
  for (const [u, v, w] of edges) {
    if (mate[u] === v) {
      total += w
      matches++
    }
  }
  return { total, matches }
}

describe('runMatching against edmonds-blossom-fixed on generated cohorts of 50-400 people', () => {
  it.each(['peer', 'mentoring'] as const)(
    '%s: same optimum, both objectives',
    (type) => {
      for (let run = 0; run < RUNS; run++) {
        const seed = 1000 + run
        const n = 50 + ((seed * 7919) % 351)
        const objective = run % 2 === 0 ? 'maxWeight' : 'maxCardinalityThenWeight'
        const topK = [3, 5, 10, 50][run % 4]
        // every third cohort carries question criteria (same, different, overlap) and answers
        const doc = generateCohort({ n, seed, type, objective, topK, questions: run % 3 === 2 })
        const result = runMatching(parseCohort(doc))
        const reference = referenceOptimum(doc)
        if (run % 3 === 2) expect(result.matches[0].questionCriteria).toHaveLength(3)
        expect({ seed, n, objective, total: result.totalScore }).toEqual({ seed, n, objective, total: reference.total })
        if (objective === 'maxCardinalityThenWeight') expect(result.matches.length).toBe(reference.matches)
      }
    },
    30_000 + RUNS * 2_000,
  )
})
