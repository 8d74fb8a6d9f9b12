import { Worker } from 'node:worker_threads'
import type { Program } from './cohort.schema.ts'
import { type PreparedCohort, points, questionPoints, ROLE_MENTEE, ROLE_MENTOR } from './prepared-cohort.ts'

/**
 * The contract's candidate graph: every participant keeps its k best feasible partners (score
 * desc, then position in `participants`), the graph is the union; k = null keeps every feasible pair.
 * Edges are sorted by (min end, max end); peer/circles: u < v; mentoring: u = mentor, v = mentee.
 */
export interface CandidateGraph {
  n: number
  edgeU: Int32Array
  edgeV: Int32Array
  score: Float64Array
  /** 1 when somebody in the cohort is feasible for the participant (then they have a candidate edge) */
  hasFeasiblePartner: Uint8Array
}

/**
 * The k best partners of every participant, as packed keys: key = score * (n + 1) + (n - partner),
 * so a higher key is a better partner (higher score, then earlier in `participants`). Each
 * participant appends to a buffer of 2k slots; a full buffer is cut back to its k best, which
 * raises the entry threshold: amortised O(1) per pair, with no pointer-chasing sift.
 */
export interface TopK {
  n: number
  k: number
  keys: Float64Array
  size: Int32Array
  /** a partner needs at least this score to enter (0 until the first cut) */
  threshold: Int32Array
  /** ... and a key above this one */
  thresholdKey: Float64Array
}

export function createTopK(n: number, k: number): TopK {
  return {
    n,
    k,
    keys: new Float64Array(n * 2 * k),
    size: new Int32Array(n),
    threshold: new Int32Array(n),
    thresholdKey: new Float64Array(n).fill(-1),
  }
}

export function buildCandidateGraph(prep: PreparedCohort): CandidateGraph {
  const input = toScanInput(prep)
  if (input.k === null || input.k >= prep.n - 1) return collectAll(prep)
  return unionOfTopK(prep, input, scanTopKByLevels(input))
}

/**
 * The same graph, with phase 1 of the scan by levels (most of its work) split by rows of equal
 * work between this thread and worker threads (pass `workers` started early to hide their
 * start-up); their buffers are merged here before the later phases.
 */
export async function buildCandidateGraphParallel(
  prep: PreparedCohort,
  options: { threads?: number; workers?: ScanWorkers; minPeople?: number } = {},
): Promise<CandidateGraph> {
  const input = toScanInput(prep)
  const threads = options.workers ? options.workers.size + 1 : (options.threads ?? 2)
  const minPeople = options.minPeople ?? PARALLEL_MIN_PEOPLE
  if (input.k === null || input.k >= prep.n - 1 || threads < 2 || prep.n < minPeople) {
    return buildCandidateGraph(prep)
  }
  const workers = options.workers ?? startScanWorkers(threads - 1)
  try {
    const bounds = splitRows(input, threads)
    const pending = bounds.slice(1).map(([from, to], w) => workers.scan(w, input, from, to))
    const scan = createLevelScan(input)
    scan.phaseOne(bounds[0][0], bounds[0][1])
    for (const part of await Promise.all(pending)) scan.merge(part)
    return unionOfTopK(prep, input, scan.finish())
  } finally {
    if (!options.workers) workers.close()
  }
}

/** Worker threads for the scan, idle (not keeping the process alive) until given a job. */
export interface ScanWorkers {
  size: number
  scan(worker: number, input: ScanInput, groupFrom: number, groupTo: number): Promise<TopK>
  close(): void
}

export function startScanWorkers(count: number): ScanWorkers {
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./candidate-graph.worker.js', import.meta.url))
    worker.unref()
    return worker
  })
  return {
    size: count,
    scan: (w, input, groupFrom, groupTo) =>
      new Promise((resolve, reject) => {
        const worker = workers[w]
        const settle = () => {
          worker.off('message', onMessage)
          worker.off('error', onError)
          worker.unref()
        }
        const onMessage = (top: TopK) => {
          settle()
          resolve(top)
        }
        const onError = (error: Error) => {
          settle()
          reject(error)
        }
        worker.on('message', onMessage)
        worker.on('error', onError)
        worker.ref()
        worker.postMessage({ input, groupFrom, groupTo })
      }),
    close: () => {
      for (const worker of workers) void worker.terminate()
    },
  }
}

/** Below this, starting a worker costs more than it saves. */
export const PARALLEL_MIN_PEOPLE = 5000

/**
 * Scans the rows of groups [groupFrom, groupTo). The buffers are by sorted position (see
 * groupParticipants), their keys hold partners by participant index; unionOfTopK maps them back.
 */
export function scanTopK(input: ScanInput, groupFrom: number, groupTo: number): TopK {
  const top = createTopK(input.n, input.k!)
  scan(input, top, () => {}, groupFrom, groupTo)
  return top
}

/** Group ranges with about the same number of pairs each (a row pairs with every later position). */
function splitRows(input: ScanInput, parts: number): [number, number][] {
  const { groupStart } = groupParticipants(input)
  const groups = groupStart.length - 1
  const n = input.n
  const pairsBefore = (x: number) => x * n - (x * (x + 1)) / 2
  const total = pairsBefore(n)
  const bounds: [number, number][] = []
  let from = 0
  for (let part = 1; part <= parts; part++) {
    let to = from
    if (part === parts) to = groups
    else while (to < groups && pairsBefore(groupStart[to]) < (total * part) / parts) to++
    bounds.push([from, to])
    from = to
  }
  return bounds
}

function offer(top: TopK, person: number, key: number): void {
  if (key <= top.thresholdKey[person]) return
  const k2 = 2 * top.k
  const s = top.size[person]
  top.keys[person * k2 + s] = key
  top.size[person] = s + 1
  if (s + 1 === k2) cut(top, person)
}

/** Keeps the k best keys of a participant's buffer (quickselect, no full sort). */
function cut(top: TopK, person: number): void {
  const { k, keys, size } = top
  const s = size[person]
  if (s <= k) return
  const base = person * 2 * k
  // move the k largest keys to base .. base + k - 1 (Hoare partitioning around a middle pivot)
  let lo = base
  let hi = base + s - 1
  const target = base + k - 1
  while (lo < hi) {
    const pivot = keys[(lo + hi) >> 1]
    let i = lo
    let j = hi
    while (i <= j) {
      while (keys[i] > pivot) i++
      while (keys[j] < pivot) j--
      if (i <= j) {
        const t = keys[i]
        keys[i] = keys[j]
        keys[j] = t
        i++
        j--
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  let min = keys[base]
  for (let e = base + 1; e < base + k; e++) if (keys[e] < min) min = keys[e]
  size[person] = k
  top.thresholdKey[person] = min
  top.threshold[person] = Math.floor(min / (top.n + 1))
}

type PairSink = (i: number, j: number, score: number) => void

/** What the scan reads: plain data (typed arrays and settings), so it can be posted to a worker thread. */
export type ScanInput = Pick<
  PreparedCohort,
  | 'type'
  | 'n'
  | 'seniority'
  | 'department'
  | 'role'
  | 'winStart'
  | 'winEnd'
  | 'skillWords'
  | 'wanted'
  | 'offered'
  | 'wantedCount'
  | 'langWords'
  | 'languages'
  | 'tin'
  | 'tout'
  | 'depth'
  | 'chainDepth'
  | 'forbiddenStart'
  | 'forbiddenList'
  | 'tables'
  | 'questions'
> & { program: { constraints: Program['constraints']; mentoring: Program['mentoring'] }; k: number | null }

export function toScanInput(prep: PreparedCohort): ScanInput {
  const { constraints, mentoring, candidateTopK } = prep.cohort.program
  return {
    type: prep.type,
    n: prep.n,
    seniority: prep.seniority,
    department: prep.department,
    role: prep.role,
    winStart: prep.winStart,
    winEnd: prep.winEnd,
    skillWords: prep.skillWords,
    wanted: prep.wanted,
    offered: prep.offered,
    wantedCount: prep.wantedCount,
    langWords: prep.langWords,
    languages: prep.languages,
    tin: prep.tin,
    tout: prep.tout,
    depth: prep.depth,
    chainDepth: prep.chainDepth,
    forbiddenStart: prep.forbiddenStart,
    forbiddenList: prep.forbiddenList,
    tables: prep.tables,
    questions: prep.questions,
    program: { constraints, mentoring },
    k: candidateTopK,
  }
}

/**
 * Participants sorted by (working window, languages, role) into groups, so the rules that depend
 * only on those (shared language, overlap, roles) are decided once per pair of groups and whole
 * groups are skipped; inside a group pair only the reporting chain, seniority and skills vary.
 */
interface Groups {
  /** sorted position -> participant index */
  order: Int32Array
  /** group g holds sorted positions groupStart[g] .. groupStart[g + 1] - 1 */
  groupStart: Int32Array
  groupOf: Int32Array
}

/** Computed once per scan input: the split, the scan and the graph assembly all read the same groups. */
const groupsOfInput = new WeakMap<ScanInput, Groups>()

export function groupParticipants(prep: ScanInput): Groups {
  let groups = groupsOfInput.get(prep)
  if (groups === undefined) {
    groups = computeGroups(prep)
    groupsOfInput.set(prep, groups)
  }
  return groups
}

function computeGroups(prep: ScanInput): Groups {
  const { n, langWords: lw, languages, winStart, winEnd, role } = prep
  const keyOf = (i: number) => {
    let key = `${winStart[i]},${winEnd[i]},${role[i]}`
    for (let w = 0; w < lw; w++) key += `,${languages[i * lw + w]}`
    return key
  }
  const ids = new Map<string, number>()
  const groupKey = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const key = keyOf(i)
    let g = ids.get(key)
    if (g === undefined) {
      g = ids.size
      ids.set(key, g)
    }
    groupKey[i] = g
  }
  const groupCount = ids.size
  const groupStart = new Int32Array(groupCount + 1)
  for (let i = 0; i < n; i++) groupStart[groupKey[i] + 1]++
  for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g]
  const fill = groupStart.slice(0, groupCount)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[fill[groupKey[i]]++] = i
  const groupOf = new Int32Array(groupCount)
  for (let g = 0; g < groupCount; g++) groupOf[g] = order[groupStart[g]]
  return { order, groupStart, groupOf }
}

/** Every feasible pair: offered to the top-k heaps, or (top = null) reported to `sink` (mentoring: mentor first). */
export function scan(prep: ScanInput, top: TopK | null, sink: PairSink, groupFrom = 0, groupTo = -1): void {
  const { groups, ctx, positionOf } = scanContext(prep, top, sink)
  const { order, groupStart, groupOf } = groups
  const { role } = prep
  const { blocked } = ctx
  const groupCount = groupOf.length
  const lastGroup = groupTo < 0 ? groupCount : groupTo
  for (let g = groupFrom; g < lastGroup; g++) {
    computeGroupPoints(prep, ctx, groupOf, g, g)
    for (let x = groupStart[g]; x < groupStart[g + 1]; x++) {
      const i = order[x]
      for (let f = prep.forbiddenStart[i]; f < prep.forbiddenStart[i + 1]; f++)
        blocked[positionOf[prep.forbiddenList[f]]] = x
      scanRow(ctx, g, x, role[i] === ROLE_MENTOR)
    }
  }
}

/**
 * Per group pair (g, h >= hFrom): overlap points, or -1 when language, overlap or roles rule the
 * whole pair of groups out.
 */
function computeGroupPoints(prep: ScanInput, ctx: ScanContext, groupOf: Int32Array, g: number, hFrom: number): void {
  const { winStart, winEnd, role, languages } = prep
  const lw = prep.langWords
  const { constraints } = prep.program
  const needLanguage = constraints.requireSharedLanguage
  const minOverlap = constraints.minOverlapMinutes
  const { overlapPoints } = prep.tables
  const cap = overlapPoints.length - 1
  const { groupPoints, isMentoring } = ctx
  const gi = groupOf[g]
  for (let h = hFrom; h < groupOf.length; h++) {
    const hi = groupOf[h]
    groupPoints[h] = -1
    if (isMentoring && !(role[gi] + role[hi] === ROLE_MENTOR + ROLE_MENTEE)) continue
    if (needLanguage) {
      let shared = false
      for (let w = 0; w < lw; w++) if ((languages[gi * lw + w] & languages[hi * lw + w]) !== 0) shared = true
      if (!shared) continue
    }
    const overlap = overlapOf(winStart[gi], winEnd[gi], winStart[hi], winEnd[hi])
    if (overlap < minOverlap) continue
    groupPoints[h] = overlapPoints[overlap < cap ? overlap : cap]
  }
}

/** The scan's sorted arrays (everything the inner loop reads, in group order for locality). */
function scanContext(prep: ScanInput, top: TopK | null, sink: PairSink) {
  const { n } = prep
  const { constraints, mentoring } = prep.program
  const isMentoring = prep.type === 'mentoring'
  const sw = prep.skillWords
  const maxGap = constraints.maxSeniorityGap ?? 99
  const mentorMinGap = mentoring.minSeniorityGap ?? -99
  const mentorMaxGap = mentoring.maxSeniorityGap ?? 99
  const minScore = constraints.minPairScore
  const { seniorityPoints, diversityPoints } = prep.tables
  const complementarityPoints = complementarityTable(prep)
  const chainDepth = prep.chainDepth

  const groups = groupParticipants(prep)
  const { order, groupStart, groupOf } = groups
  const groupCount = groupOf.length
  // everything the inner loop reads, in sorted order (locality)
  const seniority = new Int32Array(n)
  const department = new Int32Array(n)
  const tin = new Int32Array(n)
  const tout = new Int32Array(n)
  const depth = new Int32Array(n)
  const wantedCount = new Int32Array(n)
  const wanted = new Uint32Array(n * sw)
  const offered = new Uint32Array(n * sw)
  const positionOf = new Int32Array(n)
  for (let x = 0; x < n; x++) {
    const i = order[x]
    positionOf[i] = x
    seniority[x] = prep.seniority[i]
    department[x] = prep.department[i]
    tin[x] = prep.tin[i]
    tout[x] = prep.tout[i]
    depth[x] = prep.depth[i]
    wantedCount[x] = prep.wantedCount[i]
    for (let w = 0; w < sw; w++) {
      wanted[x * sw + w] = prep.wanted[i * sw + w]
      offered[x * sw + w] = prep.offered[i * sw + w]
    }
  }
  const role = new Uint8Array(n)
  for (let x = 0; x < n; x++) role[x] = prep.role[order[x]]
  const ctx: ScanContext = {
    n,
    role,
    top,
    sink,
    sw,
    isMentoring,
    maxGap,
    mentorMinGap,
    mentorMaxGap,
    minScore,
    chainDepth,
    seniority,
    department,
    tin,
    tout,
    depth,
    wantedCount,
    wanted,
    offered,
    order,
    groupStart,
    groupPoints: new Int32Array(groupCount),
    blocked: new Int32Array(n).fill(-1),
    seniorityPoints,
    diversityPoints,
    complementarityPoints,
    questions: prep.questions,
    hasQuestions: prep.questions.count > 0,
  }
  return { groups, ctx, positionOf }
}

interface ScanContext {
  n: number
  /** by sorted position */
  role: Uint8Array
  top: TopK | null
  sink: PairSink
  sw: number
  isMentoring: boolean
  maxGap: number
  mentorMinGap: number
  mentorMaxGap: number
  minScore: number
  chainDepth: number
  seniority: Int32Array
  department: Int32Array
  tin: Int32Array
  tout: Int32Array
  depth: Int32Array
  wantedCount: Int32Array
  wanted: Uint32Array
  offered: Uint32Array
  order: Int32Array
  groupStart: Int32Array
  groupPoints: Int32Array
  blocked: Int32Array
  seniorityPoints: Int32Array
  diversityPoints: number
  complementarityPoints: Int32Array
  /** by participant index (the pair's points do not depend on the sorted order) */
  questions: ScanInput['questions']
  hasQuestions: boolean
}

/** SWAR popcount of four words at once (each result fits the byte lanes). */
function popcount4(a: number, b: number, c: number, d: number): number {
  a -= (a >>> 1) & 0x55555555
  b -= (b >>> 1) & 0x55555555
  c -= (c >>> 1) & 0x55555555
  d -= (d >>> 1) & 0x55555555
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333) + (b & 0x33333333) + ((b >>> 2) & 0x33333333)
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333) + (d & 0x33333333) + ((d >>> 2) & 0x33333333)
  a = (a & 0x0f0f0f0f) + ((a >>> 4) & 0x0f0f0f0f) + (c & 0x0f0f0f0f) + ((c >>> 4) & 0x0f0f0f0f)
  return Math.imul(a, 0x01010101) >>> 24
}

/**
 * One row of the scan (its own function, so the optimizing compiler sees a hot function rather
 * than a loop to replace on the stack). Written to keep unpredictable branches out of the inner
 * loop: ancestor tests as one unsigned range compare, the criteria as table lookups.
 */
function scanRow(ctx: ScanContext, g: number, x: number, mentorIsRow: boolean): void {
  const { n, top, sink } = ctx
  const threshold = top === null ? ctx.blocked : top.threshold
  const { sw, isMentoring, maxGap, mentorMinGap, mentorMaxGap, minScore, chainDepth } = ctx
  const { seniority, department, tin, tout, depth, wantedCount, wanted, offered, order, groupStart, groupPoints } = ctx
  const { blocked, seniorityPoints, diversityPoints, complementarityPoints, questions, hasQuestions } = ctx
  const groupCount = groupPoints.length
  const i = order[x]
  const si = seniority[x]
  const di = department[x]
  const tinI = tin[x]
  const spanI = tout[x] - tinI
  const depthI = depth[x]
  const wantedI = wantedCount[x]
  const isTwoWords = sw === 2
  const wx0 = wanted[x * sw]
  const wx1 = isTwoWords ? wanted[x * sw + 1] : 0
  const ox0 = offered[x * sw]
  const ox1 = isTwoWords ? offered[x * sw + 1] : 0
  for (let h = g; h < groupCount; h++) {
    const base = groupPoints[h]
    if (base < 0) continue
    const yEnd = groupStart[h + 1]
    for (let y = h === g ? x + 1 : groupStart[h]; y < yEnd; y++) {
      let gap = si - seniority[y]
      if (gap > maxGap || -gap > maxGap) continue
      const tinJ = tin[y]
      // y below x (x an ancestor of y), or x below y, within the depth
      if ((tinJ - tinI) >>> 0 < spanI && depth[y] - depthI <= chainDepth) continue
      if ((tinI - tinJ) >>> 0 < tout[y] - tinJ && depthI - depth[y] <= chainDepth) continue
      if (blocked[y] === x) continue
      let num = 0
      let den: number
      if (isMentoring) {
        if (!mentorIsRow) gap = -gap
        if (gap < mentorMinGap || gap > mentorMaxGap) continue
        if (isTwoWords) {
          num = mentorIsRow
            ? popcount4(ox0 & wanted[2 * y], ox1 & wanted[2 * y + 1], 0, 0)
            : popcount4(offered[2 * y] & wx0, offered[2 * y + 1] & wx1, 0, 0)
        } else {
          const a = mentorIsRow ? x : y
          const b = mentorIsRow ? y : x
          for (let w = 0; w < sw; w++) num += popcount4(offered[a * sw + w] & wanted[b * sw + w], 0, 0, 0)
        }
        den = mentorIsRow ? wantedCount[y] : wantedI
      } else {
        if (isTwoWords) {
          num = popcount4(wx0 & offered[2 * y], wx1 & offered[2 * y + 1], ox0 & wanted[2 * y], ox1 & wanted[2 * y + 1])
        } else {
          for (let w = 0; w < sw; w++) {
            num += popcount4(wanted[x * sw + w] & offered[y * sw + w], wanted[y * sw + w] & offered[x * sw + w], 0, 0)
          }
        }
        den = wantedI + wantedCount[y]
      }
      const differ = di ^ department[y]
      const j = order[y]
      let score =
        base +
        complementarityPoints[((den * (den + 1)) >> 1) + num] +
        seniorityPoints[gap + 7] +
        ((differ | -differ) >>> 31) * diversityPoints
      if (hasQuestions) score += questionPoints(questions, i, j)
      if (score < minScore) continue
      if (top !== null) {
        // below a participant's threshold score a partner cannot enter its k best (ties are settled in offer)
        // heaps are kept by sorted position (sequential access); keys hold the original index for ties
        if (score >= threshold[x]) offer(top, x, score * (n + 1) + (n - j))
        if (score >= threshold[y]) offer(top, y, score * (n + 1) + (n - i))
      } else if (isMentoring && !mentorIsRow) sink(j, i, score)
      else sink(i, j, score)
    }
  }
}

/**
 * The k best partners of everyone, scoring far fewer pairs than the full scan, by levels of
 * complementarity (num: skills one wants and the other offers). A bit set of positions per skill
 * gives each row, with two bit-sliced counters, the partners with num >= 2 and with num = 1.
 * Phase 1 scores the pairs with num >= 2: in a cohort with skills, that is where nearly everyone's
 * k best lie. Everyone's k-th best key after a phase is a lower bound of the final one, and a pair
 * with num = 1 (then num = 0) scores at most a ceiling (best overlap, seniority and diversity
 * points plus the complementarity that num can give), so the next phase scores those pairs only
 * for the participants still "open": fewer than k partners, or a k-th best score <= their ceiling.
 * Each pair is offered at most once, and the k best of a set do not depend on the order it is seen
 * in, so the result equals the full scan's.
 */
export function scanTopKByLevels(input: ScanInput): TopK {
  const scan = createLevelScan(input)
  scan.phaseOne(0, -1)
  return scan.finish()
}

/**
 * The scan by levels in steps, so that phase 1's rows can be shared with a worker thread: phaseOne
 * over groups [groupFrom, groupTo), merge another thread's phase-1 buffers (of other rows), finish.
 */
export function createLevelScan(input: ScanInput) {
  const { n } = input
  const k = input.k!
  const top = createTopK(n, k)
  const { groups, ctx, positionOf } = scanContext(input, top, () => {})
  const { order, groupStart, groupOf } = groups
  const { blocked, sw, isMentoring, role, wanted, offered, wantedCount } = ctx
  const words = (n + 31) >>> 5
  const offeredBy = new Uint32Array(sw * 32 * words)
  const wantedBy = new Uint32Array(sw * 32 * words)
  const groupAt = new Int32Array(n)
  for (let g = 0; g < groupOf.length; g++) groupAt.fill(g, groupStart[g], groupStart[g + 1])
  for (let x = 0; x < n; x++) {
    const bit = 1 << (x & 31)
    const word = x >>> 5
    for (let w = 0; w < sw; w++) {
      for (let bits = wanted[x * sw + w]; bits !== 0; bits &= bits - 1) {
        wantedBy[(w * 32 + 31 - Math.clz32(bits & -bits)) * words + word] |= bit
      }
      for (let bits = offered[x * sw + w]; bits !== 0; bits &= bits - 1) {
        offeredBy[(w * 32 + 31 - Math.clz32(bits & -bits)) * words + word] |= bit
      }
    }
  }
  // per row: positions with num >= 1 and num >= 2 (from word `fromWord` on)
  const one = new Uint32Array(words)
  const two = new Uint32Array(words)
  const addSkills = (index: Uint32Array, skillWord: number, bits: number, fromWord: number) => {
    for (; bits !== 0; bits &= bits - 1) {
      const base = ((skillWord << 5) + 31 - Math.clz32(bits & -bits)) * words
      for (let word = fromWord; word < words; word++) {
        const b = index[base + word]
        two[word] |= one[word] & b
        one[word] |= b
      }
    }
  }
  const countPartners = (x: number, fromWord: number) => {
    one.fill(0, fromWord)
    two.fill(0, fromWord)
    const isMentor = role[x] === ROLE_MENTOR
    for (let w = 0; w < sw; w++) {
      // peer: x wants what they offer, or they want what x offers; mentoring: the mentor offers what the mentee wants
      if (!isMentoring || !isMentor) addSkills(offeredBy, w, wanted[x * sw + w], fromWord)
      if (!isMentoring || isMentor) addSkills(wantedBy, w, offered[x * sw + w], fromWord)
    }
  }
  const markForbidden = (x: number) => {
    const i = order[x]
    for (let f = input.forbiddenStart[i]; f < input.forbiddenStart[i + 1]; f++)
      blocked[positionOf[input.forbiddenList[f]]] = x
  }

  // phase 1: pairs x < y with num >= 2
  const phaseOne = (groupFrom: number, groupTo: number) => {
    const lastGroup = groupTo < 0 ? groupOf.length : groupTo
    for (let g = groupFrom; g < lastGroup; g++) {
      computeGroupPoints(input, ctx, groupOf, g, g)
      for (let x = groupStart[g]; x < groupStart[g + 1]; x++) {
        markForbidden(x)
        const first = x + 1
        const fromWord = first >>> 5
        if (fromWord >= words) continue
        countPartners(x, fromWord)
        two[fromWord] &= ~0 << (first & 31)
        offerPartners(ctx, x, two, fromWord, groupAt)
      }
    }
    return top
  }
  const merge = (part: TopK) => {
    for (let x = 0; x < n; x++) mergeBuffer(top, part, x)
  }
  return { phaseOne, merge, finish: () => finishLevels() }

  function finishLevels(): TopK {
    // ceilings: the most a pair of x's with num = 0 (and with num = 1) can score
    const { seniorityPoints, overlapPoints, diversityPoints, complementarityFactor } = input.tables
    let ceiling0 = 0
    for (const p of seniorityPoints) if (p > ceiling0) ceiling0 = p
    // question criteria: all of them at their best (0 when the program has none)
    ceiling0 += overlapPoints[overlapPoints.length - 1] + diversityPoints + input.questions.maxPoints
    let minWanted = Infinity
    for (let x = 0; x < n; x++) if (wantedCount[x] < minWanted) minWanted = wantedCount[x]
    const ceiling1 = (x: number) => {
      let den: number
      if (!isMentoring) den = wantedCount[x] + minWanted
      else den = role[x] === ROLE_MENTOR ? minWanted : wantedCount[x]
      return ceiling0 + points(complementarityFactor, 1, Math.max(1, den))
    }
    const partners = new Uint32Array(words)
    const isOpen = new Uint32Array(words)
    const lastWordMask = n % 32 === 0 ? ~0 : (1 << (n % 32)) - 1
    for (const level of [1, 0]) {
      isOpen.fill(0)
      let openCount = 0
      for (let x = 0; x < n; x++) {
        settleThreshold(top, x)
        if (top.size[x] < k || top.threshold[x] <= (level === 1 ? ceiling1(x) : ceiling0)) {
          isOpen[x >>> 5] |= 1 << (x & 31)
          openCount++
        }
      }
      if (openCount === 0) break
      // phase 2 (level 1), then 3 (level 0): each pair with an open end, once (from its open end, the
      // earlier one when both are)
      for (let g = 0; g < groupOf.length; g++) {
        let isComputed = false
        for (let x = groupStart[g]; x < groupStart[g + 1]; x++) {
          const xWord = x >>> 5
          if ((isOpen[xWord] & (1 << (x & 31))) === 0) continue
          if (!isComputed) computeGroupPoints(input, ctx, groupOf, g, 0)
          isComputed = true
          markForbidden(x)
          countPartners(x, 0)
          for (let word = 0; word < words; word++) {
            partners[word] = level === 1 ? one[word] & ~two[word] : ~one[word]
            if (word < xWord) partners[word] &= ~isOpen[word]
          }
          partners[words - 1] &= lastWordMask
          const below = (1 << (x & 31)) - 1
          partners[xWord] &= ~(isOpen[xWord] & below) & ~(1 << (x & 31))
          offerPartners(ctx, x, partners, 0, groupAt)
        }
      }
    }
    return top
  }
}

/** Appends part's buffer of x to top's (both cut to their k best first): the k best of the union. */
function mergeBuffer(top: TopK, part: TopK, x: number): void {
  const k2 = 2 * top.k
  const base = x * k2
  cut(part, x)
  const count = part.size[x]
  if (top.size[x] + count > k2) cut(top, x)
  const { keys } = top
  const from = part.keys
  for (let e = 0, at = base + top.size[x]; e < count; e++) keys[at + e] = from[base + e]
  top.size[x] += count
  if (top.size[x] === k2) cut(top, x)
}

/**
 * Offers x every partner y in the bit set from word `fromWord` on (y's group decides the overlap
 * points). The hot loop of the two-phase scan: locals hoisted, as in scanRow.
 */
function offerPartners(
  ctx: ScanContext,
  x: number,
  partners: Uint32Array,
  fromWord: number,
  groupAt: Int32Array,
): void {
  const { n, sw, isMentoring, maxGap, mentorMinGap, mentorMaxGap, minScore, chainDepth } = ctx
  const { seniority, department, tin, tout, depth, wantedCount, wanted, offered, order, groupPoints } = ctx
  const { blocked, seniorityPoints, diversityPoints, complementarityPoints, questions, hasQuestions } = ctx
  const top = ctx.top!
  const { threshold } = top
  const mentorIsRow = ctx.role[x] === ROLE_MENTOR
  const i = order[x]
  const si = seniority[x]
  const di = department[x]
  const tinI = tin[x]
  const spanI = tout[x] - tinI
  const depthI = depth[x]
  const wantedI = wantedCount[x]
  const isTwoWords = sw === 2
  const wx0 = wanted[x * sw]
  const wx1 = isTwoWords ? wanted[x * sw + 1] : 0
  const ox0 = offered[x * sw]
  const ox1 = isTwoWords ? offered[x * sw + 1] : 0
  const words = partners.length
  for (let word = fromWord; word < words; word++) {
    for (let bits = partners[word]; bits !== 0; bits &= bits - 1) {
      const y = (word << 5) + 31 - Math.clz32(bits & -bits)
      const base = groupPoints[groupAt[y]]
      if (base < 0) continue
      let gap = si - seniority[y]
      if (gap > maxGap || -gap > maxGap) continue
      const tinJ = tin[y]
      if ((tinJ - tinI) >>> 0 < spanI && depth[y] - depthI <= chainDepth) continue
      if ((tinI - tinJ) >>> 0 < tout[y] - tinJ && depthI - depth[y] <= chainDepth) continue
      if (blocked[y] === x) continue
      let num = 0
      let den: number
      if (isMentoring) {
        if (!mentorIsRow) gap = -gap
        if (gap < mentorMinGap || gap > mentorMaxGap) continue
        if (isTwoWords) {
          num = mentorIsRow
            ? popcount4(ox0 & wanted[2 * y], ox1 & wanted[2 * y + 1], 0, 0)
            : popcount4(offered[2 * y] & wx0, offered[2 * y + 1] & wx1, 0, 0)
        } else {
          const a = mentorIsRow ? x : y
          const b = mentorIsRow ? y : x
          for (let w = 0; w < sw; w++) num += popcount4(offered[a * sw + w] & wanted[b * sw + w], 0, 0, 0)
        }
        den = mentorIsRow ? wantedCount[y] : wantedI
      } else {
        if (isTwoWords) {
          num = popcount4(wx0 & offered[2 * y], wx1 & offered[2 * y + 1], ox0 & wanted[2 * y], ox1 & wanted[2 * y + 1])
        } else {
          for (let w = 0; w < sw; w++) {
            num += popcount4(wanted[x * sw + w] & offered[y * sw + w], wanted[y * sw + w] & offered[x * sw + w], 0, 0)
          }
        }
        den = wantedI + wantedCount[y]
      }
      const differ = di ^ department[y]
      let score =
        base +
        complementarityPoints[((den * (den + 1)) >> 1) + num] +
        seniorityPoints[gap + 7] +
        ((differ | -differ) >>> 31) * diversityPoints
      if (hasQuestions) score += questionPoints(questions, i, order[y])
      if (score < minScore) continue
      if (score >= threshold[x]) offer(top, x, score * (n + 1) + (n - order[y]))
      if (score >= threshold[y]) offer(top, y, score * (n + 1) + (n - i))
    }
  }
}

/** Cuts x's buffer to its k best and sets its threshold to the k-th best (when it has k). */
function settleThreshold(top: TopK, x: number): void {
  cut(top, x)
  const { k, keys, size } = top
  if (size[x] < k) return
  const base = x * 2 * k
  let min = keys[base]
  for (let e = base + 1; e < base + k; e++) if (keys[e] < min) min = keys[e]
  top.thresholdKey[x] = min
  top.threshold[x] = Math.floor(min / (top.n + 1))
}

/** points of complementarity by (den, num), num <= den: index den * (den + 1) / 2 + num */
function complementarityTable(prep: ScanInput): Int32Array {
  let maxWanted = 0
  for (let i = 0; i < prep.n; i++) if (prep.wantedCount[i] > maxWanted) maxWanted = prep.wantedCount[i]
  const maxDen = prep.type === 'mentoring' ? maxWanted : 2 * maxWanted
  const table = new Int32Array(((maxDen + 1) * (maxDen + 2)) >> 1)
  const factor = prep.tables.complementarityFactor
  for (let den = 0; den <= maxDen; den++) {
    for (let num = 0; num <= den; num++) table[((den * (den + 1)) >> 1) + num] = points(factor, num, den)
  }
  return table
}

function overlapOf(a0: number, a1: number, b0: number, b1: number): number {
  let overlap = 0
  for (let shift = -1440; shift <= 1440; shift += 1440) {
    const lo = a0 > b0 + shift ? a0 : b0 + shift
    const hi = a1 < b1 + shift ? a1 : b1 + shift
    if (hi > lo) overlap += hi - lo
  }
  return overlap
}

/** k = null (or k >= n - 1): every feasible pair is a candidate. */
function collectAll(prep: PreparedCohort): CandidateGraph {
  let u: Int32Array = new Int32Array(1024)
  let v: Int32Array = new Int32Array(1024)
  let w: Float64Array = new Float64Array(1024)
  let m = 0
  scan(toScanInput(prep), null, (a, b, score) => {
    if (m === u.length) {
      u = grow(u, new Int32Array(2 * m))
      v = grow(v, new Int32Array(2 * m))
      w = grow(w, new Float64Array(2 * m))
    }
    u[m] = a
    v[m] = b
    w[m] = score
    m++
  })
  return toGraph(prep, u.subarray(0, m), v.subarray(0, m), w.subarray(0, m))
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** The graph of the scan's k best (buffers by sorted position; keys name partners by participant index). */
function unionOfTopK(prep: PreparedCohort, input: ScanInput, top: TopK): CandidateGraph {
  const { n } = prep
  const { order } = groupParticipants(input)
  const { k, keys, size } = top
  const k2 = 2 * k
  let total = 0
  for (let x = 0; x < n; x++) {
    cut(top, x)
    total += size[x]
  }
  const u = new Int32Array(total)
  const v = new Int32Array(total)
  const w = new Float64Array(total)
  let m = 0
  const n1 = n + 1
  for (let x = 0; x < n; x++) {
    const i = order[x]
    for (let e = x * k2, end = e + size[x]; e < end; e++) {
      const key = keys[e]
      // key = score * (n + 1) + (n - partner): a division and a floor (exact below 2^53) are much
      // cheaper than a floating-point remainder
      const score = Math.floor(key / n1)
      u[m] = i
      v[m] = n - (key - score * n1)
      w[m] = score
      m++
    }
  }
  return toGraph(prep, u, v, w)
}

/**
 * Deduplicated edges sorted by (min end, max end), oriented (mentoring: mentor first), with their
 * scores. The entries are bucketed by their lower end (one counting pass), then each bucket, a few
 * dozen entries, is sorted on its own: every read and write after the bucketing stays within a
 * bucket, where two global counting sorts gathered the edges back from random places.
 */
function toGraph(prep: PreparedCohort, u: Int32Array, v: Int32Array, w: Float64Array): CandidateGraph {
  const { n } = prep
  const total = u.length
  const hasFeasiblePartner = new Uint8Array(n)
  const start = new Int32Array(n + 1)
  for (let e = 0; e < total; e++) {
    const a = u[e]
    const b = v[e]
    hasFeasiblePartner[a] = 1
    hasFeasiblePartner[b] = 1
    start[(a < b ? a : b) + 1]++
  }
  let span = 1
  for (let i = 0; i < n; i++) {
    if (start[i + 1] > span) span = start[i + 1]
    start[i + 1] += start[i]
  }
  // an entry is packed as (upper end) * span + (its place in the bucket), so sorting the numbers
  // sorts the bucket by upper end and still finds each entry's score (below n * total: exact)
  const fill = start.slice(0, n)
  const packed = new Float64Array(total)
  const scoreAt = new Float64Array(total)
  for (let e = 0; e < total; e++) {
    const a = u[e]
    const b = v[e]
    const lo = a < b ? a : b
    const at = fill[lo]++
    packed[at] = (a < b ? b : a) * span + (at - start[lo])
    scoreAt[at] = w[e]
  }
  const edgeU = new Int32Array(total)
  const edgeV = new Int32Array(total)
  const score = new Float64Array(total)
  const isMentoring = prep.type === 'mentoring'
  let m = 0
  for (let i = 0; i < n; i++) {
    const from = start[i]
    const to = start[i + 1]
    if (to - from > 1) packed.subarray(from, to).sort()
    const mentorFirst = !isMentoring || prep.role[i] === ROLE_MENTOR
    let previous = -1
    for (let at = from; at < to; at++) {
      const j = Math.floor(packed[at] / span)
      // a pair kept by both ends appears twice, with the same score
      if (j === previous) continue
      previous = j
      edgeU[m] = mentorFirst ? i : j
      edgeV[m] = mentorFirst ? j : i
      score[m] = scoreAt[from + packed[at] - j * span]
      m++
    }
  }
  return { n, edgeU: edgeU.slice(0, m), edgeV: edgeV.slice(0, m), score: score.slice(0, m), hasFeasiblePartner }
}
