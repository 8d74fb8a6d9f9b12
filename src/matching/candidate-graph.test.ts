import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildCandidateGraph,
  buildCandidateGraphParallel,
  scanTopK,
  scanTopKByLevels,
  type TopK,
  toScanInput,
} from './candidate-graph.ts'
import { type CohortInput, parseCohort } from './cohort.schema.ts'
import { generateCohort } from './generate-cohort.ts'
import { prepareCohort } from './prepared-cohort.ts'
import {
  buildCohort,
  buildPerson,
  cohortArb,
  cohortWithQuestionsArb,
  modelCandidateGraph,
  modelOf,
} from './reference-model.fixture.ts'

function edgesOf(doc: CohortInput): Map<string, number> {
  const graph = buildCandidateGraph(prepareCohort(parseCohort(doc)))
  const edges = new Map<string, number>()
  for (let e = 0; e < graph.edgeU.length; e++) edges.set(`${graph.edgeU[e]}-${graph.edgeV[e]}`, graph.score[e])
  return edges
}

/** Each participant's k best keys, best first (a buffer holds them and maybe more). */
function bestKeys(top: TopK): number[][] {
  return Array.from({ length: top.n }, (_, x) =>
    [...top.keys.subarray(x * 2 * top.k, x * 2 * top.k + top.size[x])].sort((a, b) => b - a).slice(0, top.k),
  )
}

describe('buildCandidateGraph', () => {
  it('breaks ties by position in participants', () => {
    // four identical people: every pair scores the same
    const participants = ['p0', 'p1', 'p2', 'p3'].map((id) => buildPerson({ id }))
    const edges = edgesOf(buildCohort({ program: { type: 'peer', candidateTopK: 1 }, participants }))
    expect([...edges.keys()]).toEqual(['0-1', '0-2', '0-3'])
  })

  it('keeps the k best by score before position', () => {
    const participants = [
      buildPerson({ id: 'p0', seniority: 4 }),
      buildPerson({ id: 'p1', seniority: 8 }),
      buildPerson({ id: 'p2', seniority: 5 }),
      buildPerson({ id: 'p3', seniority: 4 }),
    ]
    const edges = edgesOf(buildCohort({ program: { type: 'peer', candidateTopK: 1 }, participants }))
    // p0 and p3 prefer each other (gap 0); p1 prefers p2 (gap 3); p2 prefers p0 (gap 1, earlier than p3)
    expect([...edges.keys()]).toEqual(['0-2', '0-3', '1-2'])
  })

  it('orients mentoring edges mentor first, and k = null keeps every feasible pair', () => {
    const participants = [
      buildPerson({ id: 'e1', role: 'mentee', seniority: 2 }),
      buildPerson({ id: 'm1', role: 'mentor', seniority: 5 }),
      buildPerson({ id: 'e2', role: 'mentee', seniority: 1 }),
      buildPerson({ id: 'm2', role: 'mentor', seniority: 2 }),
    ]
    const edges = edgesOf(buildCohort({ program: { type: 'mentoring', candidateTopK: null }, participants }))
    // m2 (seniority 2) is not senior enough for e1 (gap 0 < 1)
    expect([...edges.keys()]).toEqual(['1-0', '1-2', '3-2'])
  })

  it('reports who has a feasible partner', () => {
    const participants = [
      buildPerson({ id: 'a' }),
      buildPerson({ id: 'b' }),
      buildPerson({ id: 'c', languages: ['fr'] }),
    ]
    const graph = buildCandidateGraph(prepareCohort(parseCohort(buildCohort({ participants }))))
    expect([...graph.hasFeasiblePartner]).toEqual([1, 1, 0])
  })

  it.each(['peer', 'mentoring', 'circles'] as const)('%s: equals the plain model on random cohorts', (type) => {
    fc.assert(
      fc.property(cohortArb(type, 40), (doc) => {
        expect(edgesOf(doc)).toEqual(modelCandidateGraph(modelOf(doc)))
      }),
      { numRuns: 60 },
    )
  })

  it.each(['peer', 'mentoring'] as const)('%s with question criteria: equals the plain model', (type) => {
    fc.assert(
      fc.property(cohortWithQuestionsArb(type, 40), (doc) => {
        expect(edgesOf(doc)).toEqual(modelCandidateGraph(modelOf(doc)))
      }),
      { numRuns: 40 },
    )
  })

  it('a question criterion can decide the k best: same answer wins over position', () => {
    const participants = [
      buildPerson({ id: 'p0', answers: { mode: 'Office' } }),
      buildPerson({ id: 'p1', answers: { mode: 'Remote' } }),
      buildPerson({ id: 'p2', answers: { mode: 'Remote' } }),
    ]
    const questionCriteria = [{ id: 'mode', rule: 'same' as const, weight: 1 }]
    const program = { type: 'peer' as const, candidateTopK: 1 }
    // without the question everyone keeps p0 (the earliest of equals); with it p1 and p2 keep each other
    expect([...edgesOf(buildCohort({ program, participants })).keys()]).toEqual(['0-1', '0-2'])
    const edges = edgesOf(buildCohort({ program: { ...program, questionCriteria }, participants }))
    expect([...edges.keys()]).toEqual(['0-1', '1-2'])
  })

  it('equals the plain model with more than 64 skills and 32 languages (multi-word bit sets)', () => {
    const pools = {
      skills: Array.from({ length: 70 }, (_, i) => `s${i}`),
      languages: Array.from({ length: 40 }, (_, i) => `l${i}`),
    }
    fc.assert(
      fc.property(cohortArb('peer', 30, pools), (doc) => {
        expect(edgesOf(doc)).toEqual(modelCandidateGraph(modelOf(doc)))
      }),
      { numRuns: 40 },
    )
  })

  it.each([
    ['peer', false],
    ['mentoring', false],
    ['peer', true],
  ] as const)(
    '%s (question criteria: %s): the parallel scan (worker thread) builds the same graph',
    async (type, questions) => {
      const prep = prepareCohort(parseCohort(generateCohort({ n: 2000, seed: 11, type, questions })))
      const single = buildCandidateGraph(prep)
      const parallel = await buildCandidateGraphParallel(prep, { threads: 2, minPeople: 0 })
      expect(parallel.edgeU).toEqual(single.edgeU)
      expect(parallel.edgeV).toEqual(single.edgeV)
      expect(parallel.score).toEqual(single.score)
      expect(parallel.hasFeasiblePartner).toEqual(single.hasFeasiblePartner)
    },
  )

  it.each([
    ['peer', 50, {}],
    ['peer', 5, { complementarity: 0 }],
    ['peer', 20, { complementarity: 10, overlap: 60 }],
    ['circles', 3, { complementarity: 80, seniority: 0, diversity: 0 }],
    ['mentoring', 50, {}],
    ['mentoring', 8, { complementarity: 5, diversity: 40 }],
    ['peer', 10, 'questions'],
    ['mentoring', 10, 'questions'],
  ] as const)(
    '%s, k = %i, weights %o: the scan by levels keeps the same k best as the full scan',
    (type, k, weights) => {
      const doc = generateCohort({ n: 700, seed: 5, type, topK: k, questions: weights === 'questions' })
      if (weights === 'questions') {
        // questions able to reorder everyone's k best
        doc.program.questionCriteria = doc.program.questionCriteria!.map((q) => ({ ...q, weight: q.weight * 4 }))
      } else doc.program.weights = { ...doc.program.weights, ...weights }
      const input = toScanInput(prepareCohort(parseCohort(doc)))
      expect(bestKeys(scanTopKByLevels(input))).toEqual(bestKeys(scanTopK(input, 0, -1)))
    },
  )
})
