/**
 * Exact maximum-weight capacitated assignment on a bipartite graph (mentoring: each mentor takes up
 * to `capacity` mentees, each mentee at most one mentor), without replicating mentors.
 *
 * It is a min-cost circulation solved by successive shortest paths with potentials:
 *
 *   s -> mentor (one arc per unit of capacity, cost 0), mentor -> mentee (capacity 1, cost -weight),
 *   mentee -> t (capacity 1, cost 0), t -> s (cost 0).
 *
 * The units of capacity are added one at a time (first units of every mentor, then second units, ...).
 * Before a unit is added the flow is optimal (no negative cycle in the residual graph, and the
 * potentials make every residual arc's reduced cost >= 0), so after adding unit s -> m the only
 * possible negative cycle passes through it: it is s -> m plus a shortest path from m back to s,
 * which ends either at a free mentee (-> t -> s: one more match) or at a mentor that gives a mentee
 * up (-> s). Dijkstra on reduced costs finds that path and stops when s is settled; the cycle is
 * applied when its cost is negative. Either way the potentials of the settled nodes are lowered by
 * (distance to s - their distance), which keeps every reduced cost >= 0, the new arc's included.
 * When a unit is not used, the mentor's later units would be parallel arcs with the same reduced
 * cost: the mentor is done.
 *
 * Since only paths that can still improve are explored, and nearly every search ends at the first
 * free mentee it settles, each unit costs about its mentor's edges plus those of the few mentors its
 * path passes through: no copy of a mentor, no copy of its edges.
 *
 * Determinism: mentors in index order within each round of units, edges in the graph's order, and
 * the heap breaks ties between equal distances by node index.
 */

/** Potentials only go down, each time by less than the largest weight (the search ends below it); beyond this they would lose exactness. */
const MAX_POTENTIAL = 2 ** 52

export interface CapacitatedGraph {
  /** participants 0..n-1; edges go mentor (edgeU) -> mentee (edgeV) */
  n: number
  edgeU: Int32Array
  edgeV: Int32Array
  /** non-negative integer weights; all sums stay below 2^53 (the caller checks lifted weights) */
  weight: Float64Array
  /** units of capacity of each mentor (mentees: ignored, each takes at most one mentor) */
  capacity: Int32Array
}

/**
 * mentorOf[mentee] = its mentor or -1 (entries of mentors are -1): a maximum-weight assignment
 * where every mentor m has at most capacity[m] mentees. Edges of weight 0 are never used (they
 * add nothing; callers lift weights when cardinality matters).
 */
export function maxWeightCapacitatedAssignment(graph: CapacitatedGraph): Int32Array {
  const { n, edgeU, edgeV, weight, capacity } = graph
  const m = edgeU.length
  // node ids: participants 0..n-1, t = n, s = n + 1
  const T = n
  const S = n + 1
  const isMentor = new Uint8Array(n)
  let maxWeight = 0
  for (let e = 0; e < m; e++) isMentor[edgeU[e]] = 1
  for (let e = 0; e < m; e++) {
    const w = weight[e]
    if (isMentor[edgeV[e]] || !(w >= 0) || !Number.isInteger(w) || w > MAX_POTENTIAL) {
      throw new RangeError(
        `maxWeightCapacitatedAssignment: edge ${e} is not mentor -> mentee with a non-negative integer weight`,
      )
    }
    if (w > maxWeight) maxWeight = w
  }
  const { adjStart, adjTo, adjW } = mentorAdjacency(n, edgeU, edgeV, weight, maxWeight)

  // potentials: a mentor's is its largest weight (its first edge), everything else's 0, so every
  // reduced cost starts >= 0. They only go down, mentees' included: a mentee's stays <= 0.
  const pi = new Float64Array(n + 2)
  let maxCapacity = 0
  for (let v = 0; v < n; v++) {
    if (!isMentor[v]) continue
    pi[v] = adjW[adjStart[v]]
    if (capacity[v] > maxCapacity) maxCapacity = capacity[v]
  }

  const mentorOf = new Int32Array(n).fill(-1)
  // the weight of each mentee's assigned edge
  const assignedWeight = new Float64Array(n)
  const used = new Int32Array(n)
  const isDone = new Uint8Array(n)

  // Dijkstra's state, reset through the list of touched nodes
  const dist = new Float64Array(n + 2).fill(Infinity)
  const parent = new Int32Array(n + 2).fill(-1)
  // the weight of the arc mentor -> mentee by which a mentee was reached
  const parentWeight = new Float64Array(n)
  const settled = new Uint8Array(n)
  const touched = new Int32Array(n + 2)
  let touchedCount = 0
  const heap = new MinHeap(1024)

  const touch = (v: number) => {
    if (dist[v] === Infinity) touched[touchedCount++] = v
  }
  const relaxS = (d: number, from: number) => {
    if (d >= dist[S]) return
    touch(S)
    dist[S] = d
    parent[S] = from
  }

  /**
   * Shortest path (reduced costs) from mentor `root` to s; returns its reduced length (Infinity:
   * none). Only mentors enter the heap: a mentee has one way on (to its mentor, or to t when free),
   * taken as soon as the mentee is reached, and its distance is final once it is below s's (every
   * mentor closer than s has been settled by then).
   */
  const search = (root: number): number => {
    touch(root)
    dist[root] = 0
    heap.push(0, root)
    while (heap.size > 0 && heap.topKey() < dist[S]) {
      const d = heap.topKey()
      const v = heap.pop()
      if (settled[v] || d > dist[v]) continue
      settled[v] = 1
      const pv = pi[v]
      // back to s, giving a mentee up
      if (used[v] > 0) relaxS(d + pv - pi[S], v)
      // edges by weight, best first; mentees' potentials are <= 0, so an arc's reduced cost is at
      // least pv - w: once that reaches s's distance, no later edge can lead anywhere shorter
      for (let i = adjStart[v], end = adjStart[v + 1]; i < end; i++) {
        const w = adjW[i]
        if (d + pv - w >= dist[S]) break
        const e = adjTo[i]
        const owner = mentorOf[e]
        if (owner === v) continue
        const de = d + pv - w - pi[e]
        if (de >= dist[e]) continue
        touch(e)
        dist[e] = de
        parent[e] = v
        parentWeight[e] = w
        if (owner === -1) {
          const dt = de + pi[e] - pi[T]
          if (dt < dist[T]) {
            touch(T)
            dist[T] = dt
            parent[T] = e
            relaxS(dt + pi[T] - pi[S], T)
          }
        } else if (!settled[owner]) {
          const dm = de + assignedWeight[e] + pi[e] - pi[owner]
          if (dm < dist[owner] && dm < dist[S]) {
            touch(owner)
            dist[owner] = dm
            parent[owner] = e
            heap.push(dm, owner)
          }
        }
      }
    }
    return dist[S]
  }

  /** Lowers the potential of every node closer than s by the difference; clears the search. */
  const settle = (reduced: number) => {
    for (let i = 0; i < touchedCount; i++) {
      const v = touched[i]
      if (dist[v] < reduced) {
        pi[v] += dist[v] - reduced
        if (pi[v] < -MAX_POTENTIAL)
          throw new RangeError('maxWeightCapacitatedAssignment: weights too large to stay exact')
      }
      dist[v] = Infinity
      parent[v] = -1
      if (v < n) settled[v] = 0
    }
    touchedCount = 0
    heap.clear()
  }

  /** Applies the cycle s -> root -> ... -> s found by the search. */
  const augment = (root: number) => {
    used[root]++
    let v = parent[S]
    if (v === T) {
      v = parent[T] // the free mentee that gets a mentor
    } else {
      used[v]-- // a mentor that gives a mentee up (the mentee moves along the path)
      v = parent[v]
    }
    // v is a mentee; parent[v] is the mentor that takes it
    for (;;) {
      const mentor = parent[v]
      mentorOf[v] = mentor
      assignedWeight[v] = parentWeight[v]
      if (mentor === root) break
      v = parent[mentor] // the mentee this mentor gave up, which moves on to its own parent
    }
  }

  for (let round = 1; round <= maxCapacity; round++) {
    for (let root = 0; root < n; root++) {
      if (isDone[root] || !isMentor[root] || capacity[root] < round) continue
      const reduced = search(root)
      // the cycle's true cost: its reduced length + pi[s] - pi[root] (the new arc s -> root costs 0)
      if (reduced < Infinity && reduced + pi[S] - pi[root] < 0) augment(root)
      else isDone[root] = 1
      if (reduced < Infinity) settle(reduced)
      else settle(0) // nothing reachable (cannot happen with an edge: its mentee leads to t or on)
    }
  }
  return mentorOf
}

/** Each mentor's edges (CSR), by weight descending, then mentee ascending. */
function mentorAdjacency(n: number, edgeU: Int32Array, edgeV: Int32Array, weight: Float64Array, maxWeight: number) {
  const m = edgeU.length
  const adjStart = new Int32Array(n + 1)
  for (let e = 0; e < m; e++) adjStart[edgeU[e] + 1]++
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v]
  const adjTo = new Int32Array(m)
  const adjW = new Float64Array(m)
  const fill = adjStart.slice(0, n)
  let minWeight = maxWeight
  for (let e = 0; e < m; e++) if (weight[e] < minWeight) minWeight = weight[e]
  // (maxWeight - w) * (n + 1) + mentee sorts as wanted when it stays exact (typed-array sort)
  const isPackable = (maxWeight - minWeight + 1) * (n + 1) < 2 ** 53
  const keys = new Float64Array(m)
  for (let e = 0; e < m; e++) {
    const at = fill[edgeU[e]]++
    adjTo[at] = edgeV[e]
    adjW[at] = weight[e]
    keys[at] = isPackable ? (maxWeight - weight[e]) * (n + 1) + edgeV[e] : e
  }
  for (let v = 0; v < n; v++) {
    const from = adjStart[v]
    const to = adjStart[v + 1]
    if (to - from < 2) continue
    if (isPackable) {
      const part = keys.subarray(from, to).sort()
      for (let at = from; at < to; at++) {
        const mentee = part[at - from] % (n + 1)
        adjTo[at] = mentee
        adjW[at] = maxWeight - (part[at - from] - mentee) / (n + 1)
      }
    } else {
      const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
        (a, b) => adjW[b] - adjW[a] || adjTo[a] - adjTo[b],
      )
      const to2 = order.map((i) => adjTo[i])
      const w2 = order.map((i) => adjW[i])
      for (let at = from; at < to; at++) {
        adjTo[at] = to2[at - from]
        adjW[at] = w2[at - from]
      }
    }
  }
  return { adjStart, adjTo, adjW }
}

/** A binary min-heap of (key, node), ties by node index (deterministic); stale entries are skipped by the caller. */
class MinHeap {
  keys: Float64Array
  vals: Int32Array
  size = 0
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity)
    this.vals = new Int32Array(capacity)
  }
  clear(): void {
    this.size = 0
  }
  topKey(): number {
    return this.keys[0]
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const vals = new Int32Array(this.size * 2)
      vals.set(this.vals)
      this.vals = vals
    }
    const { keys, vals } = this
    let i = this.size++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (keys[p] < key || (keys[p] === key && vals[p] < val)) break
      keys[i] = keys[p]
      vals[i] = vals[p]
      i = p
    }
    keys[i] = key
    vals[i] = val
  }
  pop(): number {
    const { keys, vals } = this
    const top = vals[0]
    const size = --this.size
    if (size === 0) return top
    const key = keys[size]
    const val = vals[size]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= size) break
      if (c + 1 < size && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && vals[c + 1] < vals[c]))) c++
      if (key < keys[c] || (key === keys[c] && val < vals[c])) break
      keys[i] = keys[c]
      vals[i] = vals[c]
      i = c
    }
    keys[i] = key
    vals[i] = val
    return top
  }
}
