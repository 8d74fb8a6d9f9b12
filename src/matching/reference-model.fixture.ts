/**
 * Test support: a deliberately plain model of the contract (../shared/MATCHING.md), written from
 * the text and sharing no code with the engine, plus factories and fast-check arbitraries of cohorts.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import type { CohortInput } from './cohort.schema.ts'
import { type MatchingResult, MatchingResultSchema } from './result.schema.ts'

type Doc = CohortInput
type Person = Doc['participants'][number]

export function buildPerson(overrides: Partial<Person> & { id: string }): Person {
  return { seniority: 4, languages: ['en'], utcOffsetMinutes: 0, ...overrides }
}

export function buildCohort(overrides: Partial<Doc> & { participants: Person[] }): Doc {
  return { schemaVersion: '1.0', cohortId: 'test', program: { type: 'peer' }, ...overrides }
}

// ---------------------------------------------------------------------------- the plain model

const DEFAULTS = {
  weights: { complementarity: 50, seniority: 20, diversity: 20, overlap: 10 },
  constraints: {
    excludeReportingChain: true,
    reportingChainDepth: null as number | null,
    requireSharedLanguage: true,
    minOverlapMinutes: 0,
    maxSeniorityGap: null as number | null,
    minPairScore: 0,
    forbiddenPairs: [] as string[][],
  },
  scoring: { pointsPerWeightUnit: 100, overlapCapMinutes: 240 },
  mentoring: {
    defaultCapacity: 2,
    minSeniorityGap: 1 as number | null,
    maxSeniorityGap: null as number | null,
    idealSeniorityGap: 2,
  },
  circles: { minSize: 3, maxSize: 5, targetSize: 4 },
}

export interface Model {
  type: 'peer' | 'mentoring' | 'circles'
  objective: string
  n: number
  ids: string[]
  people: Person[]
  weights: typeof DEFAULTS.weights
  constraints: typeof DEFAULTS.constraints
  scoring: typeof DEFAULTS.scoring
  mentoring: typeof DEFAULTS.mentoring
  circles: typeof DEFAULTS.circles
  topK: number | null
  ancestors: string[][]
  questionCriteria: { id: string; rule: 'same' | 'different' | 'overlap'; weight: number }[]
}

export function modelOf(doc: Doc): Model {
  const program = doc.program
  const manager = new Map<string, string | null>()
  for (const p of doc.org?.people ?? []) manager.set(p.id, p.managerId)
  for (const p of doc.participants) manager.set(p.id, p.managerId ?? null)
  const ancestors = doc.participants.map((p) => {
    const chain: string[] = []
    let cur = manager.get(p.id) ?? null
    while (cur !== null) {
      chain.push(cur)
      cur = manager.get(cur) ?? null
    }
    return chain
  })
  return {
    type: program.type,
    objective: program.objective ?? 'maxWeight',
    n: doc.participants.length,
    ids: doc.participants.map((p) => p.id),
    people: doc.participants,
    weights: { ...DEFAULTS.weights, ...program.weights },
    constraints: { ...DEFAULTS.constraints, ...program.constraints },
    scoring: { ...DEFAULTS.scoring, ...program.scoring },
    mentoring: { ...DEFAULTS.mentoring, ...program.mentoring },
    circles: { ...DEFAULTS.circles, ...program.circles },
    topK: program.candidateTopK === undefined ? 50 : program.candidateTopK,
    ancestors,
    questionCriteria: program.questionCriteria ?? [],
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

function window(p: Person): [number, number] {
  const wh = p.workingHours ?? { start: '09:00', end: '17:00' }
  const st = minutes(wh.start)
  const en = minutes(wh.end)
  const length = en > st ? en - st : en + 1440 - st
  const a0 = (((st - p.utcOffsetMinutes) % 1440) + 1440) % 1440
  return [a0, a0 + length]
}

export function modelOverlap(a: Person, b: Person): number {
  const [a0, a1] = window(a)
  const [b0, b1] = window(b)
  let total = 0
  for (const k of [-1440, 0, 1440]) total += Math.max(0, Math.min(a1, b1 + k) - Math.max(a0, b0 + k))
  return total
}

function roundHalfUp(weight: number, ppu: number, num: number, den: number): number {
  if (den === 0) return 0
  // BigInt: no shortcut shared with the engine
  return Number((2n * BigInt(weight) * BigInt(ppu) * BigInt(num) + BigInt(den)) / (2n * BigInt(den)))
}

export interface ModelCriterion {
  points: number
  num: number
  den: number
}

/** Per-criterion points; mentoring: i = mentor, j = mentee. */
export function modelBreakdown(m: Model, i: number, j: number): Record<string, ModelCriterion> {
  const a = m.people[i]
  const b = m.people[j]
  const aw = a.skillsWanted ?? []
  const ao = a.skillsOffered ?? []
  const bw = b.skillsWanted ?? []
  const bo = b.skillsOffered ?? []
  const count = (xs: string[], ys: string[]) => xs.filter((x) => ys.includes(x)).length
  const crit: Record<string, [number, number]> = {}
  if (m.type === 'mentoring') {
    crit.complementarity = [count(bw, ao), bw.length]
    const gap = a.seniority - b.seniority
    crit.seniority = [Math.max(0, 7 - Math.abs(gap - m.mentoring.idealSeniorityGap)), 7]
  } else {
    crit.complementarity = [count(aw, bo) + count(bw, ao), aw.length + bw.length]
    crit.seniority = [7 - Math.abs(a.seniority - b.seniority), 7]
  }
  crit.diversity = [(a.department ?? null) !== (b.department ?? null) ? 1 : 0, 1]
  crit.overlap = [Math.min(modelOverlap(a, b), m.scoring.overlapCapMinutes), m.scoring.overlapCapMinutes]
  const out: Record<string, ModelCriterion> = {}
  for (const [name, [num, den]] of Object.entries(crit)) {
    const w = m.weights[name as keyof Model['weights']]
    out[name] = { points: roundHalfUp(w, m.scoring.pointsPerWeightUnit, num, den), num, den }
  }
  for (const q of m.questionCriteria) {
    const [num, den] = modelQuestion(q.rule, a.answers?.[q.id], b.answers?.[q.id])
    out[`question:${q.id}`] = { points: roundHalfUp(q.weight, m.scoring.pointsPerWeightUnit, num, den), num, den }
  }
  return out
}

/**
 * A question criterion as [num, den], straight from the contract's words: an answer is the set of
 * options it names (a string: one; absent or []: not answered); same = 1/1 when both answered the
 * same set, different = 1/1 when both answered and the sets differ, else 0/1; overlap = options
 * both chose / options either chose (0/0 when neither answered).
 */
export function modelQuestion(
  rule: 'same' | 'different' | 'overlap',
  x: string | string[] | undefined,
  y: string | string[] | undefined,
): [number, number] {
  const setOf = (answer: string | string[] | undefined) => new Set(answer === undefined ? [] : [answer].flat())
  const A = setOf(x)
  const B = setOf(y)
  const both = [...A].filter((o) => B.has(o)).length
  if (rule === 'overlap') return [both, new Set([...A, ...B]).size]
  const answered = A.size > 0 && B.size > 0
  const isSame = answered && A.size === B.size && both === A.size
  if (rule === 'same') return [isSame ? 1 : 0, 1]
  return [answered && !isSame ? 1 : 0, 1]
}

export function modelScore(m: Model, i: number, j: number): number {
  return Object.values(modelBreakdown(m, i, j)).reduce((s, c) => s + c.points, 0)
}

/** Hard rules; mentoring: i must be the mentor, j the mentee. */
export function modelFeasible(m: Model, i: number, j: number): boolean {
  if (i === j) return false
  const a = m.people[i]
  const b = m.people[j]
  const c = m.constraints
  if (c.forbiddenPairs.some(([x, y]) => (x === a.id && y === b.id) || (x === b.id && y === a.id))) return false
  if (c.excludeReportingChain) {
    const depth = c.reportingChainDepth ?? Number.POSITIVE_INFINITY
    const above = (k: number) => m.ancestors[k].slice(0, depth)
    if (above(i).includes(b.id) || above(j).includes(a.id)) return false
  }
  if (c.requireSharedLanguage && !a.languages.some((l) => b.languages.includes(l))) return false
  if (c.minOverlapMinutes > 0 && modelOverlap(a, b) < c.minOverlapMinutes) return false
  if (c.maxSeniorityGap !== null && Math.abs(a.seniority - b.seniority) > c.maxSeniorityGap) return false
  if (m.type === 'mentoring') {
    if (a.role !== 'mentor' || b.role !== 'mentee') return false
    const gap = a.seniority - b.seniority
    if (m.mentoring.minSeniorityGap !== null && gap < m.mentoring.minSeniorityGap) return false
    if (m.mentoring.maxSeniorityGap !== null && gap > m.mentoring.maxSeniorityGap) return false
  }
  return modelScore(m, i, j) >= c.minPairScore
}

/** Feasible in either orientation (mentoring: whichever is the mentor). */
export function modelFeasibleEither(m: Model, i: number, j: number): boolean {
  return modelFeasible(m, i, j) || (m.type === 'mentoring' && modelFeasible(m, j, i))
}

export function modelCapacity(m: Model, i: number): number {
  return m.people[i].capacity ?? m.mentoring.defaultCapacity
}

/** The contract's candidate graph as "u-v" keys (mentoring: mentor-mentee; else u < v) -> score. */
export function modelCandidateGraph(m: Model): Map<string, number> {
  const edges = new Map<string, number>()
  const add = (i: number, j: number) => {
    const [u, v] =
      m.type === 'mentoring' ? (modelFeasible(m, i, j) ? [i, j] : [j, i]) : [Math.min(i, j), Math.max(i, j)]
    edges.set(`${u}-${v}`, modelScore(m, u, v))
  }
  for (let i = 0; i < m.n; i++) {
    const partners: { j: number; score: number }[] = []
    for (let j = 0; j < m.n; j++) {
      if (!modelFeasibleEither(m, i, j)) continue
      partners.push({ j, score: modelFeasible(m, i, j) ? modelScore(m, i, j) : modelScore(m, j, i) })
    }
    partners.sort((x, y) => y.score - x.score || x.j - y.j)
    for (const { j } of m.topK === null ? partners : partners.slice(0, m.topK)) add(i, j)
  }
  return edges
}

/** Best (pairs, total) over every matching of the candidate graph, by exhaustive search. */
export function modelOptimum(m: Model): { pairs: number; total: number } {
  const edges = [...modelCandidateGraph(m)].map(([key, w]) => {
    const [u, v] = key.split('-').map(Number)
    return { u, v, w }
  })
  const isMaxCard = m.objective === 'maxCardinalityThenWeight'
  const better = (a: { pairs: number; total: number }, b: { pairs: number; total: number }) =>
    isMaxCard ? a.pairs > b.pairs || (a.pairs === b.pairs && a.total > b.total) : a.total > b.total
  if (m.type === 'mentoring') {
    const mentees = [...new Set(edges.map((e) => e.v))]
    const room = m.people.map((_, i) => modelCapacity(m, i))
    let best = { pairs: 0, total: 0 }
    const walk = (k: number, pairs: number, total: number) => {
      if (k === mentees.length) {
        if (better({ pairs, total }, best)) best = { pairs, total }
        return
      }
      walk(k + 1, pairs, total)
      for (const e of edges) {
        if (e.v !== mentees[k] || room[e.u] === 0) continue
        room[e.u]--
        walk(k + 1, pairs + 1, total + e.w)
        room[e.u]++
      }
    }
    walk(0, 0, 0)
    return best
  }
  const memo = new Map<number, { pairs: number; total: number }>()
  const solve = (mask: number): { pairs: number; total: number } => {
    if (mask === 0) return { pairs: 0, total: 0 }
    const hit = memo.get(mask)
    if (hit) return hit
    const low = 31 - Math.clz32(mask & -mask)
    let best = solve(mask & ~(1 << low))
    for (const e of edges) {
      const other = e.u === low ? e.v : e.v === low ? e.u : -1
      if (other < 0 || !(mask & (1 << other))) continue
      const rest = solve(mask & ~(1 << low) & ~(1 << other))
      const cand = { pairs: rest.pairs + 1, total: rest.total + e.w }
      if (better(cand, best)) best = cand
    }
    memo.set(mask, best)
    return best
  }
  return solve((1 << m.n) - 1)
}

// ---------------------------------------------------------------------------- checks

/** Every participant once (mentors: up to capacity), every pair feasible and scored by the formula, reasons true. */
export function expectValid(result: MatchingResult, m: Model): void {
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
        const got = name.startsWith('question:')
          ? match.questionCriteria!.find((q) => `question:${q.id}` === name)!
          : match.criteria![name as keyof NonNullable<typeof match.criteria>]
        expect({ points: got.points, num: got.num, den: got.den }).toEqual(c)
      }
      expect(match.questionCriteria?.length ?? 0).toBe(m.questionCriteria.length)
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

// ---------------------------------------------------------------------------- arbitraries

const SKILLS = ['a', 'b', 'c', 'd', 'e', 'f']
const LANGS = ['en', 'fr', 'de']
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)

export interface Pools {
  skills: string[]
  languages: string[]
}

const SMALL_POOLS: Pools = { skills: SKILLS, languages: LANGS }

const personArb = (index: number, type: string, pools: Pools) =>
  fc
    .record({
      seniority: fc.integer({ min: 1, max: 8 }),
      department: fc.option(fc.constantFrom('Eng', 'Sales', 'Ops'), { nil: undefined }),
      languages: fc.subarray(pools.languages, { minLength: 1, maxLength: Math.min(4, pools.languages.length) }),
      utcOffsetMinutes: fc.integer({ min: -24, max: 28 }).map((x) => x * 30),
      workingHours: fc.option(fc.record({ start: hhmm, end: hhmm }), { nil: undefined }),
      skillsWanted: fc.subarray(pools.skills, { maxLength: Math.min(8, pools.skills.length) }),
      skillsOffered: fc.subarray(pools.skills, { maxLength: Math.min(8, pools.skills.length) }),
      role: type === 'mentoring' ? fc.constantFrom('mentor' as const, 'mentee' as const) : fc.constant(undefined),
      capacity:
        type === 'mentoring' ? fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) : fc.constant(undefined),
      bossPick: fc.nat(),
      hasBoss: fc.boolean(),
    })
    .map((r) => ({ ...r, id: `p${index}` }))

/** Random valid cohorts of 1..maxPeople participants (a random org forest, some managers outside the cohort). */
export function cohortArb(
  type: 'peer' | 'mentoring' | 'circles',
  maxPeople = 12,
  pools: Pools = SMALL_POOLS,
): fc.Arbitrary<Doc> {
  return baseCohortArb(type, maxPeople, pools)
}

const QUESTION_POOL = [
  { id: 'mode', rule: 'same' as const, options: ['Remote', 'Hybrid', 'Office'], isMulti: false },
  { id: 'style', rule: 'different' as const, options: ['Listener', 'Talker'], isMulti: false },
  { id: 'topics', rule: 'overlap' as const, options: ['a', 'b', 'c', 'd', 'e'], isMulti: true },
  { id: 'days', rule: 'same' as const, options: ['Mon', 'Tue', 'Wed'], isMulti: true },
  { id: 'pace', rule: 'overlap' as const, options: ['Slow', 'Fast'], isMulti: false },
]

/** cohortArb with 1-5 question criteria (random rules' questions, weights 0..40) and answers, some missing. */
export function cohortWithQuestionsArb(
  type: 'peer' | 'mentoring' | 'circles',
  maxPeople = 12,
  pools: Pools = SMALL_POOLS,
): fc.Arbitrary<Doc> {
  return baseCohortArb(type, maxPeople, pools).chain((doc) => {
    const n = doc.participants.length
    const answerArb = (q: (typeof QUESTION_POOL)[number]) =>
      fc.option<string | string[]>(
        q.isMulti ? fc.subarray(q.options, { minLength: 0 }) : fc.constantFrom(...q.options),
        { nil: undefined, freq: 4 },
      )
    return fc
      .record({
        chosen: fc.subarray(QUESTION_POOL, { minLength: 1 }),
        weights: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 5 }),
        answers: fc.array(fc.tuple(...QUESTION_POOL.map(answerArb)), { minLength: n, maxLength: n }),
      })
      .map(({ chosen, weights, answers }) => ({
        ...doc,
        program: {
          ...doc.program,
          questionCriteria: chosen.map((q, c) => ({ id: q.id, rule: q.rule, weight: weights[c] })),
        },
        participants: doc.participants.map((p, i) => {
          const given = QUESTION_POOL.flatMap((q, c) => (answers[i][c] === undefined ? [] : [[q.id, answers[i][c]]]))
          return given.length === 0 ? p : { ...p, answers: Object.fromEntries(given) }
        }),
      }))
  })
}

function baseCohortArb(type: 'peer' | 'mentoring' | 'circles', maxPeople: number, pools: Pools): fc.Arbitrary<Doc> {
  return fc
    .oneof(fc.integer({ min: 1, max: maxPeople }), fc.integer({ min: Math.ceil(maxPeople * 0.6), max: maxPeople }))
    .chain((n) =>
      fc.record({
        people: fc.tuple(...Array.from({ length: n }, (_, i) => personArb(i, type, pools))),
        outsiders: fc.integer({ min: 0, max: 3 }),
        objective: fc.constantFrom('maxWeight' as const, 'maxCardinalityThenWeight' as const),
        weights: fc.record({
          complementarity: fc.integer({ min: 0, max: 60 }),
          seniority: fc.integer({ min: 0, max: 30 }),
          diversity: fc.integer({ min: 0, max: 30 }),
          overlap: fc.integer({ min: 0, max: 20 }),
        }),
        excludeReportingChain: fc.boolean(),
        reportingChainDepth: fc.constantFrom(null, 1, 2),
        requireSharedLanguage: fc.constantFrom(true, false, false),
        minOverlapMinutes: fc.constantFrom(0, 0, 0, 60, 240),
        maxSeniorityGap: fc.constantFrom(null, null, 2, 4),
        minPairScore: fc.constantFrom(0, 0, 0, 2000, 5000),
        forbidden: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
        topK: fc.constantFrom(null, 1, 2, 3, 50),
        ppu: fc.constantFrom(100, 7),
        cap: fc.constantFrom(240, 90),
        minGap: fc.constantFrom(null, 0, 1, 2),
        maxGap: fc.constantFrom(null, 3, 5),
        ideal: fc.integer({ min: 0, max: 3 }),
        sizes: fc.constantFrom([3, 4, 5], [3, 3, 3], [2, 3, 4], [3, 4, 4], [4, 4, 5]),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
    )
    .map((r) => {
      const n = r.people.length
      const outsiderIds = Array.from({ length: r.outsiders }, (_, k) => `o${k}`)
      // managers: someone earlier in the list (participants then outsiders), so there is no cycle
      const everyone = [...outsiderIds, ...r.people.map((p) => p.id)]
      const participants: Person[] = r.people.map((p, i) => {
        const earlier = everyone.slice(0, outsiderIds.length + i)
        const { bossPick, hasBoss, ...rest } = p
        const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as Person
        return { ...clean, managerId: hasBoss && earlier.length > 0 ? earlier[bossPick % earlier.length] : null }
      })
      const org = { people: outsiderIds.map((id, k) => ({ id, managerId: k > 0 ? outsiderIds[k - 1] : null })) }
      const [minSize, targetSize, maxSize] = r.sizes
      return {
        schemaVersion: '1.0' as const,
        cohortId: `prop-${type}-${n}`,
        program: {
          type,
          objective: r.objective,
          weights: r.weights,
          constraints: {
            excludeReportingChain: r.excludeReportingChain,
            reportingChainDepth: r.reportingChainDepth,
            requireSharedLanguage: r.requireSharedLanguage,
            minOverlapMinutes: r.minOverlapMinutes,
            maxSeniorityGap: r.maxSeniorityGap,
            minPairScore: r.minPairScore,
            forbiddenPairs: r.forbidden
              .filter(([a, b]) => a !== b)
              .map(([a, b]) => [`p${a}`, `p${b}`] as [string, string]),
          },
          scoring: { pointsPerWeightUnit: r.ppu, overlapCapMinutes: r.cap },
          candidateTopK: r.topK,
          seed: r.seed,
          mentoring: { minSeniorityGap: r.minGap, maxSeniorityGap: r.maxGap, idealSeniorityGap: r.ideal },
          circles: { minSize, maxSize, targetSize },
        },
        participants,
        org,
      }
    })
}
