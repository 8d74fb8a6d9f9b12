import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { WeightedGraph } from './blossom.ts'
import { parseCohort } from './cohort.schema.ts'
import { buildCohort, buildPerson, expectValid, modelOf } from './reference-model.fixture.ts'
import { runMatching } from './run-matching.ts'

const SHARED = fileURLToPath(new URL('../../../shared/matching/', import.meta.url))
const hasShared = existsSync(SHARED)
const readJson = (name: string) => JSON.parse(readFileSync(`${SHARED}${name}`, 'utf8'))

describe(`the contract's examples${hasShared ? '' : ' (skipped: ../shared/matching is not here)'}`, () => {
  it.skipIf(!hasShared).each(['peer', 'mentoring'] as const)('%s: reaches the committed optimum', (type) => {
    const doc = readJson(`cohort_${type}_small.json`)
    const expected = readJson(`result_${type}_small.json`)
    const result = runMatching(parseCohort(doc))
    expectValid(result, modelOf(doc))
    expect(result.totalScore).toBe(expected.totalScore)
    expect(result.matches.length).toBe(expected.matches.length)
    expect(result.solver.exact).toBe(true)
  })

  it.skipIf(!hasShared)('circles: valid, and at least as good as the committed example', () => {
    const doc = readJson('cohort_circles_small.json')
    const expected = readJson('result_circles_small.json')
    const result = runMatching(parseCohort(doc))
    expectValid(result, modelOf(doc))
    expect(result.unmatched.length).toBeLessThanOrEqual(expected.unmatched.length)
    expect(result.totalScore).toBeGreaterThanOrEqual(expected.totalScore)
    expect(result.solver.exact).toBe(false)
  })
})

describe('runMatching', () => {
  it('is deterministic apart from elapsedMs', () => {
    const doc = buildCohort({
      program: { type: 'peer' },
      participants: Array.from({ length: 9 }, (_, i) =>
        buildPerson({
          id: `p${i}`,
          seniority: 1 + (i % 8),
          department: `d${i % 3}`,
          skillsWanted: [`s${i % 4}`],
          skillsOffered: [`s${(i + 1) % 4}`],
        }),
      ),
    })
    const strip = (r: ReturnType<typeof runMatching>) => JSON.stringify({ ...r, solver: { ...r.solver, elapsedMs: 0 } })
    expect(strip(runMatching(parseCohort(doc)))).toBe(strip(runMatching(parseCohort(structuredClone(doc)))))
  })

  it('says who had nobody feasible and who was not selected', () => {
    const doc = buildCohort({
      participants: [
        buildPerson({ id: 'a' }),
        buildPerson({ id: 'b' }),
        buildPerson({ id: 'c' }),
        buildPerson({ id: 'lonely', languages: ['fi'] }),
      ],
    })
    const result = runMatching(parseCohort(doc))
    expect(result.matches).toHaveLength(1)
    // a, b and c are interchangeable: whichever the optimum leaves out was not selected
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.id, u.reason]))
    expect(reasons.lonely).toBe('no_feasible_partner')
    expect(Object.entries(reasons).filter(([, r]) => r === 'not_selected')).toHaveLength(1)
  })

  it('maxCardinalityThenWeight pairs more people than maxWeight when that costs score', () => {
    // a-b is the best pair, but a-c plus b-d pairs everyone
    const people = [
      buildPerson({ id: 'a', seniority: 4, skillsWanted: ['x'], skillsOffered: ['y'] }),
      buildPerson({ id: 'b', seniority: 4, skillsWanted: ['y'], skillsOffered: ['x'] }),
      buildPerson({ id: 'c', seniority: 4, languages: ['en', 'fr'] }),
      buildPerson({ id: 'd', seniority: 4, languages: ['fr', 'de'] }),
    ]
    people[1].languages = ['en', 'fr']
    people[2].languages = ['en']
    people[3].languages = ['fr']
    const run = (objective: 'maxWeight' | 'maxCardinalityThenWeight') =>
      runMatching(
        parseCohort(
          buildCohort({
            program: { type: 'peer', objective, constraints: { excludeReportingChain: false } },
            participants: people,
          }),
        ),
      )
    expect(run('maxWeight').matches.map((m) => m.members)).toEqual([['a', 'b']])
    expect(run('maxCardinalityThenWeight').matches.map((m) => m.members)).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ])
  })

  it('gives a mentor up to its capacity and lists idle mentors', () => {
    const doc = buildCohort({
      program: { type: 'mentoring', mentoring: { defaultCapacity: 2 } },
      participants: [
        buildPerson({ id: 'boss', role: 'mentor', seniority: 7 }),
        buildPerson({ id: 'solo', role: 'mentor', seniority: 6, capacity: 1 }),
        buildPerson({ id: 'idle', role: 'mentor', seniority: 2 }),
        ...['e1', 'e2', 'e3', 'e4'].map((id) => buildPerson({ id, role: 'mentee', seniority: 4 })),
      ],
    })
    const result = runMatching(parseCohort(doc))
    expectValid(result, modelOf(doc))
    expect(result.matches.filter((m) => m.members[0] === 'boss')).toHaveLength(2)
    expect(result.matches.filter((m) => m.members[0] === 'solo')).toHaveLength(1)
    expect(result.unmatched.map((u) => u.reason)).toEqual(['no_feasible_partner', 'not_selected'])
    expect(result.unmatched[0].id).toBe('idle')
  })

  it('calls the solver it is given (the engine does not solve matchings itself)', () => {
    const calls: WeightedGraph[] = []
    const doc = buildCohort({ participants: [buildPerson({ id: 'a' }), buildPerson({ id: 'b' })] })
    const result = runMatching(parseCohort(doc), {
      solve: (graph) => {
        calls.push(graph)
        return Int32Array.from([1, 0])
      },
    })
    expect(calls).toHaveLength(1)
    expect(result.matches.map((m) => m.members)).toEqual([['a', 'b']])
  })

  it('handles nobody feasible, a lone participant, an odd cycle and separate parts', () => {
    const run = (participants: ReturnType<typeof buildPerson>[]) =>
      runMatching(parseCohort(buildCohort({ participants })))
    const strangers = run(['en', 'fr', 'de'].map((l, i) => buildPerson({ id: `s${i}`, languages: [l] })))
    expect(strangers.matches).toEqual([])
    expect(strangers.totalScore).toBe(0)
    expect(strangers.unmatched.every((u) => u.reason === 'no_feasible_partner')).toBe(true)
    expect(run([buildPerson({ id: 'alone' })]).unmatched).toEqual([
      { id: 'alone', reason: 'no_feasible_partner', detail: 'nobody in the cohort is feasible for this participant' },
    ])
    const triangle = run(['a', 'b', 'c'].map((id) => buildPerson({ id })))
    expect(triangle.matches).toHaveLength(1)
    expect(triangle.unmatched.map((u) => u.reason)).toEqual(['not_selected'])
    // two language islands of two: one pair in each
    const islands = run([
      buildPerson({ id: 'e1' }),
      buildPerson({ id: 'f1', languages: ['fr'] }),
      buildPerson({ id: 'e2' }),
      buildPerson({ id: 'f2', languages: ['fr'] }),
    ])
    expect(islands.matches.map((m) => m.members)).toEqual([
      ['e1', 'e2'],
      ['f1', 'f2'],
    ])
  })
})
