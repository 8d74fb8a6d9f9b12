import type { CandidateGraph } from './candidate-graph.ts'
import { type MatchingSolver, solveObjective, solvePeer } from './pairing.ts'
import type { PreparedCohort } from './prepared-cohort.ts'
import { createFeasibleScorer } from './scoring.ts'

/** At most this many improvement passes (each visits every participant once)... */
const MAX_PASSES = 6
/** ...and none after a pass that covered nobody new and gained less than this share of the score. */
const MIN_PASS_GAIN = 0.001
/** Swaps are tried with this many of a person's best candidates. */
const SWAP_PARTNERS = 12

/**
 * Circles: groups of minSize..maxSize in which every pair is feasible. Grouping is NP-hard, so this
 * is a heuristic, deterministic for a given seed:
 *  1. the optimal pairing (most pairs, then most score) on the candidate graph;
 *  2. pairs merged into circles of four by a second optimal matching, on the graph whose vertices
 *     are the pairs and whose edges are the fully feasible quadruples (when target and max allow 4);
 *  3. local search in seeded random order: move one person to another group (people left out
 *     may join any group with room), swap two people, or found a new circle from people left
 *     out; a step is taken when it puts more people in valid circles, or as many with a higher
 *     total score; passes stop once one gains less than 0.1% (or after MAX_PASSES).
 * Returns the circles (members sorted by position, circles by first member).
 */
export function buildCircles(prep: PreparedCohort, graph: CandidateGraph, solve: MatchingSolver): number[][] {
  const { minSize, maxSize, targetSize } = prep.cohort.program.circles
  const search = new CircleSearch(prep, graph)
  const pairs = solvePeer(graph, true, solve)
  const groups: number[][] = targetSize >= 4 && maxSize >= 4 ? mergePairs(search, pairs, minSize, solve) : pairs
  for (const members of groups) search.addGroup(members)
  for (let i = 0; i < prep.n; i++) if (search.groupOf[i] < 0) search.addGroup([i])
  search.improve(prep.cohort.program.seed ?? 0)
  return search.validGroups()
}

function mergePairs(search: CircleSearch, pairs: [number, number][], minSize: number, solve: MatchingSolver) {
  const pairOf = new Int32Array(search.n).fill(-1)
  pairs.forEach(([a, b], p) => {
    pairOf[a] = p
    pairOf[b] = p
  })
  const seen = new Int32Array(pairs.length).fill(-1)
  const u: number[] = []
  const v: number[] = []
  const w: number[] = []
  pairs.forEach(([a, b], p) => {
    const own = search.score(a, b)
    for (const x of [a, b]) {
      for (const y of search.neighbors(x)) {
        const q = pairOf[y]
        if (q <= p || seen[q] === p) continue
        seen[q] = p
        const [c, d] = pairs[q]
        const cross = [search.score(a, c), search.score(a, d), search.score(b, c), search.score(b, d)]
        if (cross.some((s) => s < 0)) continue
        const circle = Math.floor((own + search.score(c, d) + cross[0] + cross[1] + cross[2] + cross[3]) / 3)
        // when a pair is a valid circle on its own, merging must gain score; otherwise it gains coverage
        const gain = minSize <= 2 ? circle - own - search.score(c, d) : circle
        if (minSize <= 2 && gain <= 0) continue
        u.push(p)
        v.push(q)
        w.push(gain)
      }
    }
  })
  const mate = solveObjective(
    { n: pairs.length, edgeU: Int32Array.from(u), edgeV: Int32Array.from(v), weight: Float64Array.from(w) },
    minSize > 2,
    solve,
  )
  const groups: number[][] = []
  pairs.forEach((pair, p) => {
    if (mate[p] < 0) groups.push([...pair])
    else if (mate[p] > p) groups.push([...pair, ...pairs[mate[p]]])
  })
  return groups
}

/** Groups with their pair-score sums, and the moves of the local search. */
class CircleSearch {
  readonly n: number
  readonly groupOf: Int32Array
  private readonly minSize: number
  private readonly maxSize: number
  private readonly targetSize: number
  private readonly adjStart: Int32Array
  private readonly adj: Int32Array
  /** feasible pair score or -1, computed on demand (a cache of every pair seen cost more memory than time saved) */
  readonly score: (i: number, j: number) => number
  private readonly best = new Map<number, Int32Array>()
  private readonly members: number[][] = []
  private readonly sums: number[] = []

  constructor(prep: PreparedCohort, graph: CandidateGraph) {
    const { minSize, maxSize, targetSize } = prep.cohort.program.circles
    this.score = createFeasibleScorer(prep)
    this.n = prep.n
    this.minSize = minSize
    this.maxSize = maxSize
    this.targetSize = targetSize
    this.groupOf = new Int32Array(prep.n).fill(-1)
    const { n } = prep
    this.adjStart = new Int32Array(n + 1)
    for (let e = 0; e < graph.edgeU.length; e++) {
      this.adjStart[graph.edgeU[e] + 1]++
      this.adjStart[graph.edgeV[e] + 1]++
    }
    for (let i = 0; i < n; i++) this.adjStart[i + 1] += this.adjStart[i]
    this.adj = new Int32Array(this.adjStart[n])
    const fill = this.adjStart.slice(0, n)
    for (let e = 0; e < graph.edgeU.length; e++) {
      this.adj[fill[graph.edgeU[e]]++] = graph.edgeV[e]
      this.adj[fill[graph.edgeV[e]]++] = graph.edgeU[e]
    }
  }

  /** x's SWAP_PARTNERS best candidates (score desc, then position): the swaps worth trying. */
  private bestNeighbors(x: number): Int32Array {
    let best = this.best.get(x)
    if (best === undefined) {
      // insertion into a short sorted list: the same first SWAP_PARTNERS as sorting them all
      const ids = new Int32Array(SWAP_PARTNERS)
      const scores = new Float64Array(SWAP_PARTNERS)
      let size = 0
      for (const y of this.neighbors(x)) {
        const s = this.score(x, y)
        if (size === SWAP_PARTNERS && (s < scores[size - 1] || (s === scores[size - 1] && y > ids[size - 1]))) continue
        let p = size < SWAP_PARTNERS ? size++ : size - 1
        while (p > 0 && (scores[p - 1] < s || (scores[p - 1] === s && ids[p - 1] > y))) {
          ids[p] = ids[p - 1]
          scores[p] = scores[p - 1]
          p--
        }
        ids[p] = y
        scores[p] = s
      }
      best = ids.slice(0, size)
      this.best.set(x, best)
    }
    return best
  }

  neighbors(i: number): Int32Array {
    return this.adj.subarray(this.adjStart[i], this.adjStart[i + 1])
  }

  addGroup(members: number[]): void {
    const g = this.members.length
    let sum = 0
    for (let a = 0; a < members.length; a++) {
      this.groupOf[members[a]] = g
      for (let b = a + 1; b < members.length; b++) sum += this.score(members[a], members[b])
    }
    this.members.push([...members])
    this.sums.push(sum)
  }

  /** (people in valid circles, total score) */
  private objective(): [number, number] {
    let cover = 0
    let score = 0
    for (let g = 0; g < this.members.length; g++) {
      const [c, s] = this.value(this.members[g].length, this.sums[g])
      cover += c
      score += s
    }
    return [cover, score]
  }

  private groupIds(): number[] {
    return Array.from(this.members.keys())
  }

  private isValid(size: number): boolean {
    return size >= this.minSize && size <= this.maxSize
  }

  /** (covered people, score) of a group of this size and pair-score sum */
  private value(size: number, sum: number): [number, number] {
    return this.isValid(size) ? [size, Math.floor(sum / (size - 1))] : [0, 0]
  }

  /** Sum of x's pair scores with the members of g (other than x), or -1 if one is infeasible. */
  private linkSum(x: number, g: number): number {
    let sum = 0
    for (const m of this.members[g]) {
      if (m === x) continue
      const s = this.score(x, m)
      if (s < 0) return -1
      sum += s
    }
    return sum
  }

  improve(seed: number): void {
    const random = mulberry32(seed)
    const order = Array.from({ length: this.n }, (_, i) => i)
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      const [coverBefore, scoreBefore] = this.objective()
      for (const x of order) {
        if (!this.tryMove(x) && !this.trySwap(x) && !this.isValid(this.members[this.groupOf[x]].length))
          this.tryFound(x)
      }
      const [cover, score] = this.objective()
      if (cover === coverBefore && score - scoreBefore <= MIN_PASS_GAIN * scoreBefore) break
    }
  }

  /** Moves x to the neighbouring group where (coverage, score) gains most. */
  private tryMove(x: number): boolean {
    const from = this.groupOf[x]
    const fromSize = this.members[from].length
    const outSum = this.linkSum(x, from)
    const [fromCover, fromScore] = this.value(fromSize, this.sums[from])
    const [leftCover, leftScore] = this.value(fromSize - 1, this.sums[from] - outSum)
    let best = -1
    let bestCover = 0
    let bestScore = 0
    let bestIn = 0
    // a left-out person may join any group; others look at their candidates' groups
    const targets = this.isValid(fromSize) ? Array.from(this.neighbors(x), (y) => this.groupOf[y]) : this.groupIds()
    for (const to of targets) {
      if (to === from || to === best) continue
      const toSize = this.members[to].length
      if (toSize >= this.maxSize) continue
      const inSum = this.linkSum(x, to)
      if (inSum < 0) continue
      const [toCover, toScore] = this.value(toSize, this.sums[to])
      const [joinCover, joinScore] = this.value(toSize + 1, this.sums[to] + inSum)
      const cover = leftCover + joinCover - fromCover - toCover
      const score = leftScore + joinScore - fromScore - toScore
      if (cover > bestCover || (cover === bestCover && score > bestScore)) {
        best = to
        bestCover = cover
        bestScore = score
        bestIn = inSum
      }
    }
    if (best < 0) return false
    this.detach(x, outSum)
    this.attach(x, best, bestIn)
    return true
  }

  /** Swaps x with a neighbour y of another group when both stay feasible and the score rises. */
  private trySwap(x: number): boolean {
    const gx = this.groupOf[x]
    const sizeX = this.members[gx].length
    if (!this.isValid(sizeX)) return false
    const outX = this.linkSum(x, gx)
    for (const y of this.bestNeighbors(x)) {
      const gy = this.groupOf[y]
      if (gy === gx) continue
      const sizeY = this.members[gy].length
      if (!this.isValid(sizeY)) continue
      const outY = this.linkSum(y, gy)
      // x into gy without y, y into gx without x
      const inX = this.linkSumExcept(x, gy, y)
      if (inX < 0) continue
      const inY = this.linkSumExcept(y, gx, x)
      if (inY < 0) continue
      const before = this.value(sizeX, this.sums[gx])[1] + this.value(sizeY, this.sums[gy])[1]
      const newX = this.sums[gx] - outX + inY
      const newY = this.sums[gy] - outY + inX
      const after = this.value(sizeX, newX)[1] + this.value(sizeY, newY)[1]
      if (after <= before) continue
      this.detach(x, outX)
      this.detach(y, outY)
      this.attach(x, gy, inX)
      this.attach(y, gx, inY)
      return true
    }
    return false
  }

  private linkSumExcept(x: number, g: number, skip: number): number {
    let sum = 0
    for (const m of this.members[g]) {
      if (m === skip || m === x) continue
      const s = this.score(x, m)
      if (s < 0) return -1
      sum += s
    }
    return sum
  }

  /**
   * x is left out: looks for minSize left-out people (x among them) who are all feasible together,
   * by a bounded depth-first search, and grows the new circle with more left-out people up to the target.
   */
  private tryFound(x: number): boolean {
    const pool: number[] = []
    for (let y = 0; y < this.n; y++) {
      if (y !== x && !this.isValid(this.members[this.groupOf[y]].length) && this.score(x, y) >= 0) pool.push(y)
    }
    if (pool.length < this.minSize - 1) return false
    const circle = [x]
    let budget = 20_000
    const extend = (from: number): boolean => {
      if (circle.length === this.minSize) return true
      for (let p = from; p < pool.length && budget > 0; p++) {
        budget--
        const y = pool[p]
        if (!circle.every((m) => this.score(m, y) >= 0)) continue
        circle.push(y)
        if (extend(p + 1)) return true
        circle.pop()
      }
      return false
    }
    if (!extend(0)) return false
    for (const y of pool) {
      if (circle.length >= this.targetSize) break
      if (!circle.includes(y) && circle.every((m) => this.score(m, y) >= 0)) circle.push(y)
    }
    const g = this.members.length
    this.members.push([])
    this.sums.push(0)
    for (const m of circle) {
      this.detach(m, this.linkSum(m, this.groupOf[m]))
      this.attach(m, g, this.linkSum(m, g))
    }
    return true
  }

  private detach(x: number, outSum: number): void {
    const g = this.groupOf[x]
    const list = this.members[g]
    list.splice(list.indexOf(x), 1)
    this.sums[g] -= outSum
    this.groupOf[x] = -1
  }

  private attach(x: number, g: number, inSum: number): void {
    this.members[g].push(x)
    this.sums[g] += inSum
    this.groupOf[x] = g
  }

  validGroups(): number[][] {
    return this.members
      .filter((m) => this.isValid(m.length))
      .map((m) => [...m].sort((a, b) => a - b))
      .sort((a, b) => a[0] - b[0])
  }
}

/** Small seeded PRNG: the search order depends only on the cohort's seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
