import type { Cohort, ProgramType } from './cohort.schema.ts'

export const ROLE_NONE = 0
export const ROLE_MENTOR = 1
export const ROLE_MENTEE = 2

/**
 * A cohort turned into typed arrays for the O(n^2) scan: skill and language bit sets, working
 * windows in UTC minutes, an Euler tour of the whole org chart (ancestor tests in O(1)), and
 * lookup tables for every criterion whose fraction takes few values.
 */
export interface PreparedCohort {
  cohort: Cohort
  type: ProgramType
  n: number
  ids: string[]
  indexOf: Map<string, number>
  seniority: Int32Array
  department: Int32Array
  role: Uint8Array
  capacity: Int32Array
  /** Working window in UTC minutes: [winStart, winEnd) with 0 <= winStart < 1440, length 1..1440. */
  winStart: Int32Array
  winEnd: Int32Array
  skillNames: string[]
  skillWords: number
  wanted: Uint32Array
  offered: Uint32Array
  wantedCount: Int32Array
  langWords: number
  languages: Uint32Array
  /** Euler tour of the org forest: a is an ancestor of b iff tin[a] <= tin[b] < tout[a]. */
  tin: Int32Array
  tout: Int32Array
  depth: Int32Array
  /** Ancestor distance that still blocks a pair (Infinity = whole chain); 0 = reporting chain not excluded. */
  chainDepth: number
  /** forbidden partners per participant, CSR */
  forbiddenStart: Int32Array
  forbiddenList: Int32Array
  tables: ScoreTables
  /** the program's question criteria as typed arrays (count 0: nothing to add to any score) */
  questions: QuestionTables
}

export const RULE_SAME = 0
export const RULE_DIFFERENT = 1
export const RULE_OVERLAP = 2

/**
 * Question criteria, plain data (posted to scan workers). Criterion q, participant i:
 * `answer[q * n + i]` is the answer's code (same/different: equal codes = equal answers; -1 = not
 * answered) or, for overlap, the number of options chosen; overlap's options are a bit set of
 * `words[q]` words at `bitStart[q] + i * words[q]`.
 */
export interface QuestionTables {
  count: number
  n: number
  rule: Uint8Array
  /** weight x pointsPerWeightUnit */
  factor: Float64Array
  answer: Int32Array
  words: Int32Array
  bitStart: Int32Array
  bits: Uint32Array
  /** the most all question criteria can add to a pair (each at num = den) */
  maxPoints: number
}

export interface ScoreTables {
  /** index gap + 7, gap = a.seniority - b.seniority (-7..7; mentoring: mentor - mentee) */
  seniorityPoints: Int32Array
  diversityPoints: number
  /** index min(overlap, cap) */
  overlapPoints: Int32Array
  complementarityFactor: number
}

/** round-half-up(weight x ppu x num / den) in exact integer arithmetic (every operand < 2^53). */
export function points(weightTimesPpu: number, num: number, den: number): number {
  if (den <= 0) return 0
  return Math.floor((2 * weightTimesPpu * num + den) / (2 * den))
}

export function parseHhmm(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5))
}

/** Minutes both UTC windows share on a circular day (sum over shifts of -1440, 0, +1440). */
export function overlapMinutes(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  let total = 0
  for (let shift = -1440; shift <= 1440; shift += 1440) {
    const lo = aStart > bStart + shift ? aStart : bStart + shift
    const hi = aEnd < bEnd + shift ? aEnd : bEnd + shift
    if (hi > lo) total += hi - lo
  }
  return total
}

export function prepareCohort(cohort: Cohort): PreparedCohort {
  const { program, participants } = cohort
  const n = participants.length
  const ids = participants.map((p) => p.id)
  const indexOf = new Map(ids.map((id, i) => [id, i]))

  const skillNames = [...new Set(participants.flatMap((p) => [...p.skillsWanted, ...p.skillsOffered]))].sort()
  const skillBit = new Map(skillNames.map((s, i) => [s, i]))
  const skillWords = Math.max(1, Math.ceil(skillNames.length / 32))
  const langNames = [...new Set(participants.flatMap((p) => p.languages))].sort()
  const langBit = new Map(langNames.map((s, i) => [s, i]))
  const langWords = Math.max(1, Math.ceil(langNames.length / 32))
  const departments = new Map<string | null, number>()

  const seniority = new Int32Array(n)
  const department = new Int32Array(n)
  const role = new Uint8Array(n)
  const capacity = new Int32Array(n)
  const winStart = new Int32Array(n)
  const winEnd = new Int32Array(n)
  const wanted = new Uint32Array(n * skillWords)
  const offered = new Uint32Array(n * skillWords)
  const wantedCount = new Int32Array(n)
  const languages = new Uint32Array(n * langWords)
  const setBit = (bits: Uint32Array, base: number, bit: number) => {
    bits[base + (bit >>> 5)] |= 1 << (bit & 31)
  }

  participants.forEach((p, i) => {
    seniority[i] = p.seniority
    const dept = p.department ?? null
    if (!departments.has(dept)) departments.set(dept, departments.size)
    department[i] = departments.get(dept)!
    role[i] = p.role === 'mentor' ? ROLE_MENTOR : p.role === 'mentee' ? ROLE_MENTEE : ROLE_NONE
    capacity[i] = p.role === 'mentor' ? (p.capacity ?? program.mentoring.defaultCapacity) : 1
    const start = parseHhmm(p.workingHours.start)
    const end = parseHhmm(p.workingHours.end)
    const length = end > start ? end - start : end + 1440 - start
    winStart[i] = (((start - p.utcOffsetMinutes) % 1440) + 1440) % 1440
    winEnd[i] = winStart[i] + length
    for (const s of p.skillsWanted) setBit(wanted, i * skillWords, skillBit.get(s)!)
    for (const s of p.skillsOffered) setBit(offered, i * skillWords, skillBit.get(s)!)
    wantedCount[i] = p.skillsWanted.length
    for (const l of p.languages) setBit(languages, i * langWords, langBit.get(l)!)
  })

  const { tin, tout, depth } = eulerTour(cohort, indexOf)
  const { constraints } = program
  const chainDepth = constraints.excludeReportingChain ? (constraints.reportingChainDepth ?? Infinity) : 0

  const forbiddenPairs: [number, number][] = []
  for (const [a, b] of constraints.forbiddenPairs) {
    const i = indexOf.get(a)
    const j = indexOf.get(b)
    if (i !== undefined && j !== undefined && i !== j) forbiddenPairs.push([i, j], [j, i])
  }
  const { start: forbiddenStart, list: forbiddenList } = toCsr(n, forbiddenPairs)

  return {
    cohort,
    type: program.type,
    n,
    ids,
    indexOf,
    seniority,
    department,
    role,
    capacity,
    winStart,
    winEnd,
    skillNames,
    skillWords,
    wanted,
    offered,
    wantedCount,
    langWords,
    languages,
    tin,
    tout,
    depth,
    chainDepth,
    forbiddenStart,
    forbiddenList,
    tables: buildTables(cohort),
    questions: buildQuestionTables(cohort),
  }
}

/** A participant's answer as a set of options: a string is one option; absent or [] = not answered. */
export function answerOptions(answer: string | string[] | undefined): string[] {
  if (answer === undefined) return []
  return typeof answer === 'string' ? [answer] : answer
}

function buildQuestionTables(cohort: Cohort): QuestionTables {
  const { participants, program } = cohort
  const criteria = program.questionCriteria ?? []
  const n = participants.length
  const count = criteria.length
  const ppu = program.scoring.pointsPerWeightUnit
  const rule = new Uint8Array(count)
  const factor = new Float64Array(count)
  const answer = new Int32Array(count * n)
  const words = new Int32Array(count)
  const bitStart = new Int32Array(count + 1)
  const optionsOf: Map<string, number>[] = []
  let maxPoints = 0
  criteria.forEach((q, c) => {
    rule[c] = q.rule === 'same' ? RULE_SAME : q.rule === 'different' ? RULE_DIFFERENT : RULE_OVERLAP
    factor[c] = q.weight * ppu
    maxPoints += q.weight * ppu
    const options = new Map<string, number>()
    optionsOf.push(options)
    for (let i = 0; i < n; i++) {
      const chosen = answerOptions(participants[i].answers?.[q.id])
      if (q.rule === 'overlap') {
        for (const option of chosen) if (!options.has(option)) options.set(option, options.size)
        answer[c * n + i] = chosen.length
      } else if (chosen.length === 0) answer[c * n + i] = -1
      else {
        // a list answer is the set it names: the same options in any order are the same answer
        const key = JSON.stringify([...chosen].sort())
        if (!options.has(key)) options.set(key, options.size)
        answer[c * n + i] = options.get(key)!
      }
    }
    words[c] = q.rule === 'overlap' ? Math.max(1, Math.ceil(options.size / 32)) : 0
    bitStart[c + 1] = bitStart[c] + words[c] * n
  })
  const bits = new Uint32Array(bitStart[count])
  criteria.forEach((q, c) => {
    if (q.rule !== 'overlap') return
    for (let i = 0; i < n; i++) {
      const base = bitStart[c] + i * words[c]
      for (const option of answerOptions(participants[i].answers?.[q.id])) {
        const bit = optionsOf[c].get(option)!
        bits[base + (bit >>> 5)] |= 1 << (bit & 31)
      }
    }
  })
  return { count, n, rule, factor, answer, words, bitStart, bits, maxPoints }
}

/**
 * Criterion c for the pair (i, j) as [num, den] (symmetric): same = 1/1 when both answered alike,
 * different = 1/1 when both answered and differ, overlap = options both chose / options either
 * chose. An unanswered question scores 0 over the same den (0/1; overlap: 0 / the other's count).
 */
export function questionFraction(q: QuestionTables, c: number, i: number, j: number): [number, number] {
  const { n } = q
  const a = q.answer[c * n + i]
  const b = q.answer[c * n + j]
  if (q.rule[c] === RULE_SAME) return [a >= 0 && a === b ? 1 : 0, 1]
  if (q.rule[c] === RULE_DIFFERENT) return [a >= 0 && b >= 0 && a !== b ? 1 : 0, 1]
  const w = q.words[c]
  const baseI = q.bitStart[c] + i * w
  const baseJ = q.bitStart[c] + j * w
  let both = 0
  for (let k = 0; k < w; k++) both += popcount(q.bits[baseI + k] & q.bits[baseJ + k])
  return [both, a + b - both]
}

/** Points of every question criterion for the pair (i, j) (questionFraction inlined: the scan's hot loop). */
export function questionPoints(q: QuestionTables, i: number, j: number): number {
  const { n, rule, answer, factor } = q
  let total = 0
  for (let c = 0; c < q.count; c++) {
    const a = answer[c * n + i]
    const b = answer[c * n + j]
    const r = rule[c]
    if (r === RULE_SAME) {
      if (a >= 0 && a === b) total += factor[c]
    } else if (r === RULE_DIFFERENT) {
      if (a >= 0 && b >= 0 && a !== b) total += factor[c]
    } else {
      const w = q.words[c]
      const baseI = q.bitStart[c] + i * w
      const baseJ = q.bitStart[c] + j * w
      let both = 0
      for (let k = 0; k < w; k++) both += popcount(q.bits[baseI + k] & q.bits[baseJ + k])
      total += points(factor[c], both, a + b - both)
    }
  }
  return total
}
function buildTables(cohort: Cohort): ScoreTables {
  const { weights, scoring, mentoring, type } = cohort.program
  const ppu = scoring.pointsPerWeightUnit
  const seniorityPoints = new Int32Array(15)
  if (type === 'mentoring') {
    for (let gap = -7; gap <= 7; gap++) {
      const num = Math.max(0, 7 - Math.abs(gap - mentoring.idealSeniorityGap))
      seniorityPoints[gap + 7] = points(weights.seniority * ppu, num, 7)
    }
  } else {
    for (let gap = -7; gap <= 7; gap++) seniorityPoints[gap + 7] = points(weights.seniority * ppu, 7 - Math.abs(gap), 7)
  }
  const cap = scoring.overlapCapMinutes
  const overlapPoints = new Int32Array(cap + 1)
  for (let m = 0; m <= cap; m++) overlapPoints[m] = points(weights.overlap * ppu, m, cap)
  return {
    seniorityPoints,
    diversityPoints: points(weights.diversity * ppu, 1, 1),
    overlapPoints,
    complementarityFactor: weights.complementarity * ppu,
  }
}

/** Iterative DFS over everyone in the org chart (participants' managerId wins over org.people). */
function eulerTour(cohort: Cohort, indexOf: Map<string, number>) {
  const manager = new Map<string, string | null>()
  for (const person of cohort.org.people) manager.set(person.id, person.managerId)
  for (const p of cohort.participants) manager.set(p.id, p.managerId)
  const people = [...manager.keys()]
  const num = new Map(people.map((id, k) => [id, k]))
  const m = people.length
  const childCount = new Int32Array(m + 1)
  const parent = new Int32Array(m).fill(-1)
  people.forEach((id, k) => {
    const boss = manager.get(id)
    if (boss != null) {
      parent[k] = num.get(boss)!
      childCount[parent[k]]++
    }
  })
  const childStart = new Int32Array(m + 1)
  for (let k = 0; k < m; k++) childStart[k + 1] = childStart[k] + childCount[k]
  const children = new Int32Array(childStart[m])
  const fill = childStart.slice(0, m)
  for (let k = 0; k < m; k++) if (parent[k] >= 0) children[fill[parent[k]]++] = k

  const personTin = new Int32Array(m)
  const personTout = new Int32Array(m)
  const personDepth = new Int32Array(m)
  const stack = new Int32Array(m)
  const next = new Int32Array(m)
  let clock = 0
  for (let root = 0; root < m; root++) {
    if (parent[root] >= 0) continue
    let top = 0
    stack[0] = root
    next[root] = childStart[root]
    personTin[root] = clock++
    personDepth[root] = 0
    while (top >= 0) {
      const v = stack[top]
      if (next[v] < childStart[v + 1]) {
        const c = children[next[v]++]
        personTin[c] = clock++
        personDepth[c] = personDepth[v] + 1
        next[c] = childStart[c]
        stack[++top] = c
      } else {
        personTout[v] = clock
        top--
      }
    }
  }
  const n = cohort.participants.length
  const tin = new Int32Array(n)
  const tout = new Int32Array(n)
  const depth = new Int32Array(n)
  for (const [id, i] of indexOf) {
    const k = num.get(id)!
    tin[i] = personTin[k]
    tout[i] = personTout[k]
    depth[i] = personDepth[k]
  }
  return { tin, tout, depth }
}

function toCsr(n: number, pairs: [number, number][]) {
  const start = new Int32Array(n + 1)
  for (const [i] of pairs) start[i + 1]++
  for (let i = 0; i < n; i++) start[i + 1] += start[i]
  const list = new Int32Array(pairs.length)
  const fill = start.slice(0, n)
  for (const [i, j] of pairs) list[fill[i]++] = j
  return { start, list }
}

/** True when one of the two is above the other in the management chain, within the program's depth. */
export function isInReportingChain(prep: PreparedCohort, i: number, j: number): boolean {
  const { tin, tout, depth, chainDepth } = prep
  if (tin[j] <= tin[i] && tin[i] < tout[j] && depth[i] - depth[j] <= chainDepth) return true
  return tin[i] <= tin[j] && tin[j] < tout[i] && depth[j] - depth[i] <= chainDepth
}

export function isForbidden(prep: PreparedCohort, i: number, j: number): boolean {
  for (let k = prep.forbiddenStart[i]; k < prep.forbiddenStart[i + 1]; k++) if (prep.forbiddenList[k] === j) return true
  return false
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
