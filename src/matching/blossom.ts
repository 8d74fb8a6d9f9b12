/**
 * Exact maximum-weight matching on a general graph: Edmonds' blossom algorithm with dual variables.
 *
 * The structure follows Galil's O(n^3) primal-dual method as written by van Rantwijk (the code behind
 * networkx's max_weight_matching), with the changes that make it fast on large sparse graphs:
 *
 * - The alternating forest survives augmentations. An augmentation dissolves only the two trees it
 *   joins; every other tree keeps its labels and duals, so no stage restarts from scratch.
 * - Duals are lazy: a labelled vertex's dual is `yA + ySign * now` and a top-level blossom's is
 *   `zA + 2 * zSign * now`, so a dual update costs O(1) instead of a pass over every vertex.
 * - The next event (an edge getting tight, a T-blossom's dual reaching zero) comes from one
 *   monotone priority queue keyed by the time it happens. Entries are never removed: a popped entry
 *   is checked against the current state and dropped when stale. Each change of an edge's situation
 *   queues an entry with its exact time, and a stale entry's time is never later than its edge's
 *   true event, so nothing is missed. S-S edges are all queued; an unlabelled vertex keeps only its
 *   earliest edge from an S vertex queued and rescans its edges when that entry goes stale, and a
 *   free vertex (never scanned) keeps only its heaviest edge to another free vertex queued.
 * - The run stops as soon as no connected component holds two free vertices: no augmentation is
 *   left, so the matching is final (unless a certificate is asked for, whose duals need the rest).
 * - A vertex's top-level blossom is found by climbing from a possibly nested one and remembered, so
 *   forming a blossom touches only its T children's vertices (those become S and must be scanned).
 * - All vertex duals start equal (half the largest weight) and weights are doubled, so every dual and
 *   every event time stays an exact integer in a Float64Array.
 * - Blossom trees are walked with explicit stacks: nested blossoms can be thousands of levels deep.
 */

export interface WeightedGraph {
  n: number // vertices 0..n-1
  edgeU: Int32Array // edge i joins edgeU[i] and edgeV[i] (u != v; no duplicate edges are passed)
  edgeV: Int32Array
  weight: Float64Array // non-negative integer weights (may be as large as ~1e12; all sums stay < 2^53)
}

/** A solved matching with its optimal dual solution, in the doubled scale (edge weights times 2). */
export interface MatchingCertificate {
  mate: Int32Array
  /** y[v]: every edge has y[u] + y[v] + (duals of blossoms holding both) >= 2 * weight. */
  vertexDual: Float64Array
  /** Every blossom alive at the end (nested ones too) with its vertices and dual z. */
  blossoms: { vertices: Int32Array; dual: number }[]
}

/** Exact maximum-weight matching on a general graph: returns mate[v] = partner vertex or -1. */
export function maxWeightMatching(graph: WeightedGraph): Int32Array {
  return solve(graph, false).mate
}

/** The matching together with the dual solution that proves it optimal (for tests and audits). */
export function maxWeightMatchingCertificate(graph: WeightedGraph): MatchingCertificate {
  return solve(graph, true)
}

/**
 * A monotone priority queue of (time, payload). Event times are integers that never go below the
 * last popped one, and the solver stops at a horizon (the time free vertices' duals reach zero), so
 * entries at or past it are dropped. Two layouts, split by time:
 *
 * - Early times (below a limit of a few words per edge: with the usual scores of a few thousand
 *   points, every time) are Dial's buckets: one LIFO list per integer time, so pushing and popping
 *   are O(1) with no reordering at all, and the lists' cells are recycled.
 * - Later times (lifted weights of maxCardinalityThenWeight reach far) go to a radix heap: an entry
 *   lands in the bucket of the highest bit where it differs from the last popped time, and only the
 *   entries of the lowest non-empty bucket are ever redistributed. Pushing is an append, and the many
 *   entries that go stale far in the future are never touched again; a binary heap of the same
 *   millions of entries spends most of its time on cache misses.
 *
 * Times only grow, so the radix heap is first read once every early bucket is empty.
 */
interface EventQueue {
  /** entries at or past this time are dropped */
  horizon: number
  /** the time of the entries popped next (after queueSettle) */
  last: number
  // Dial's buckets for times below head.length: head[t] is the first cell at time t, -1 none
  head: Int32Array
  next: Int32Array
  payload: Int32Array
  freeCell: number
  usedCells: number
  // radix heap for the later times
  keys: Float64Array[]
  vals: Int32Array[]
  sizes: Int32Array
  lastHi: number
  lastLo: number
}

const BUCKETS = 66
const TWO_32 = 4294967296

function createQueue(horizon: number, dialLimit: number): EventQueue {
  const keys: Float64Array[] = []
  const vals: Int32Array[] = []
  for (let i = 0; i < BUCKETS; i++) {
    keys.push(new Float64Array(16))
    vals.push(new Int32Array(16))
  }
  return {
    horizon,
    last: 0,
    head: new Int32Array(Math.min(horizon, dialLimit)).fill(-1),
    next: new Int32Array(1024),
    payload: new Int32Array(1024),
    freeCell: -1,
    usedCells: 0,
    keys,
    vals,
    sizes: new Int32Array(BUCKETS),
    lastHi: 0,
    lastLo: 0,
  }
}

function bucketOf(q: EventQueue, key: number): number {
  const hi = Math.floor(key / TWO_32)
  const dh = hi ^ q.lastHi
  if (dh !== 0) return 64 - Math.clz32(dh)
  const dl = ((key - hi * TWO_32) ^ q.lastLo) >>> 0
  return dl === 0 ? 0 : 32 - Math.clz32(dl)
}

function append(q: EventQueue, bucket: number, key: number, val: number): void {
  const size = q.sizes[bucket]
  let keys = q.keys[bucket]
  let vals = q.vals[bucket]
  if (size === keys.length) {
    keys = new Float64Array(size * 2)
    keys.set(q.keys[bucket])
    vals = new Int32Array(size * 2)
    vals.set(q.vals[bucket])
    q.keys[bucket] = keys
    q.vals[bucket] = vals
  }
  keys[size] = key
  vals[size] = val
  q.sizes[bucket] = size + 1
}

function queuePush(q: EventQueue, key: number, val: number): void {
  if (key >= q.horizon) return
  const head = q.head
  if (key >= head.length) {
    append(q, bucketOf(q, key), key, val)
    return
  }
  let cell = q.freeCell
  if (cell >= 0) {
    q.freeCell = q.next[cell]
  } else {
    cell = q.usedCells++
    if (cell === q.next.length) {
      const next = new Int32Array(2 * cell)
      next.set(q.next)
      q.next = next
      const payload = new Int32Array(2 * cell)
      payload.set(q.payload)
      q.payload = payload
    }
  }
  q.payload[cell] = val
  q.next[cell] = head[key]
  head[key] = cell
}

/** Finds the time of the smallest entries (q.last); false when empty. */
function queueSettle(q: EventQueue): boolean {
  const head = q.head
  if (q.last < head.length) {
    let t = q.last
    while (t < head.length && head[t] < 0) t++
    q.last = t
    if (t < head.length) return true
  }
  // the radix heap: move its smallest entries into bucket 0
  const sizes = q.sizes
  if (sizes[0] > 0) return true
  let b = 1
  while (b < BUCKETS && sizes[b] === 0) b++
  if (b === BUCKETS) return false
  const keys = q.keys[b]
  const vals = q.vals[b]
  const size = sizes[b]
  let min = keys[0]
  for (let i = 1; i < size; i++) if (keys[i] < min) min = keys[i]
  q.last = min
  q.lastHi = Math.floor(min / TWO_32)
  q.lastLo = min - q.lastHi * TWO_32
  sizes[b] = 0
  for (let i = 0; i < size; i++) append(q, bucketOf(q, keys[i]), keys[i], vals[i])
  return true
}

/** Removes and returns the payload of an entry whose time is q.last (after queueSettle). */
function queuePop(q: EventQueue): number {
  const head = q.head
  if (q.last >= head.length) return q.vals[0][--q.sizes[0]]
  const cell = head[q.last]
  head[q.last] = q.next[cell]
  q.next[cell] = q.freeCell
  q.freeCell = cell
  return q.payload[cell]
}

// Doubled weights and the duals derived from them must stay exact integers in a double.
const MAX_WEIGHT = 2 ** 50

function validate(graph: WeightedGraph): void {
  const { n, edgeU, edgeV, weight } = graph
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`maxWeightMatching: n must be a non-negative integer`)
  const m = edgeU.length
  if (edgeV.length !== m || weight.length !== m) {
    throw new RangeError('maxWeightMatching: edgeU, edgeV and weight must have the same length')
  }
  for (let k = 0; k < m; k++) {
    const u = edgeU[k]
    const v = edgeV[k]
    if (u < 0 || u >= n || v < 0 || v >= n || u === v) {
      throw new RangeError(`maxWeightMatching: edge ${k} (${u}, ${v}) is not an edge between two vertices`)
    }
    const w = weight[k]
    if (!(w >= 0) || !Number.isInteger(w) || w > MAX_WEIGHT) {
      throw new RangeError(`maxWeightMatching: edge ${k} has weight ${w}, expected a non-negative integer`)
    }
  }
}

function solve(graph: WeightedGraph, withCertificate: boolean): MatchingCertificate {
  validate(graph)
  const n = graph.n
  const m = graph.edgeU.length
  const edgeU = graph.edgeU
  const edgeV = graph.edgeV

  // Endpoint p of edge k = p >> 1 is endpoint[p]; p ^ 1 is the other end (the layout of van Rantwijk).
  const endpoint = new Int32Array(2 * m)
  const W = new Float64Array(m)
  let maxWeight = 0
  for (let k = 0; k < m; k++) {
    endpoint[2 * k] = edgeU[k]
    endpoint[2 * k + 1] = edgeV[k]
    const w = graph.weight[k]
    W[k] = 2 * w
    if (w > maxWeight) maxWeight = w
  }
  // Adjacency (CSR): vertex v's edges are slots adjStart[v] .. adjStart[v + 1], each holding the edge,
  // the neighbour and the doubled weight side by side, so scanning a vertex reads memory in order.
  const adjStart = new Int32Array(n + 1)
  for (let k = 0; k < m; k++) {
    adjStart[edgeU[k] + 1]++
    adjStart[edgeV[k] + 1]++
  }
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v]
  const adjEdge = new Int32Array(2 * m)
  const adjNbr = new Int32Array(2 * m)
  const adjW = new Float64Array(2 * m)
  {
    const fill = adjStart.slice(0, n)
    for (let k = 0; k < m; k++) {
      const u = edgeU[k]
      const v = edgeV[k]
      const iu = fill[u]++
      adjEdge[iu] = k
      adjNbr[iu] = v
      adjW[iu] = W[k]
      const iv = fill[v]++
      adjEdge[iv] = k
      adjNbr[iv] = u
      adjW[iv] = W[k]
    }
  }

  const y0 = maxWeight
  // mate[v] is the remote endpoint index of v's matched edge, or -1.
  const mate = new Int32Array(n).fill(-1)
  // Indices 0..n-1 are vertices (trivial blossoms), n..2n-1 non-trivial blossoms. label, labelEnd and
  // tree are meaningful for top-level blossoms only: 1 = S (outer), 2 = T (inner), 0 = unlabelled.
  const label = new Uint8Array(2 * n)
  const labelEnd = new Int32Array(2 * n).fill(-1)
  const tree = new Int32Array(2 * n).fill(-1)
  const inBlossom = new Int32Array(n)
  const topHint = new Int32Array(2 * n)
  const blossomParent = new Int32Array(2 * n).fill(-1)
  const blossomBase = new Int32Array(2 * n).fill(-1)
  const blossomChilds: (number[] | null)[] = new Array(2 * n).fill(null)
  const blossomEndps: (number[] | null)[] = new Array(2 * n).fill(null)
  const unusedBlossoms = new Int32Array(n)
  let unusedCount = n
  for (let i = 0; i < n; i++) unusedBlossoms[i] = 2 * n - 1 - i
  // For an unlabelled vertex: a lower bound on the time an edge from an S vertex gets tight, with a
  // queued entry at that time. S vertices queue an edge to it only when they beat the bound; when the
  // entry turns out stale the vertex rescans its edges. This keeps one live entry per vertex instead
  // of one per edge from every S vertex that ever saw it.
  const best2 = new Float64Array(n).fill(Infinity)
  const yA = new Float64Array(n)
  const ySign = new Int8Array(n)
  // yA of S vertices, +Infinity for the others: rescanUnlabelled's minimum reads one array and takes
  // no branch on the label (which neighbour is S is unpredictable)
  const sDual = new Float64Array(n)
  const zA = new Float64Array(2 * n)
  const zSign = new Int8Array(2 * n)
  // Top-level blossoms ever labelled in each tree (a tree is named by its free root vertex); entries
  // that left the tree since are skipped when the tree dissolves.
  const treeMembers: number[][] = new Array(n)

  const queue = new Int32Array(n)
  let queueLen = 0
  const leafBuf = new Int32Array(n)
  const stack = new Int32Array(2 * n + 2)
  const rescan = new Int32Array(n)
  let rescanLen = 0
  const pathBuf = new Int32Array(2 * n)
  const chainBuf = new Int32Array(2 * n)

  let now = 0
  // Dial's buckets cost a word per integer time: up to a few per edge
  const events = createQueue(y0, Math.max(1 << 16, 4 * m))

  for (let v = 0; v < n; v++) {
    inBlossom[v] = v
    blossomBase[v] = v
    label[v] = 1
    tree[v] = v
    treeMembers[v] = [v]
    ySign[v] = -1
    yA[v] = y0
    sDual[v] = y0
  }
  // Every vertex starts as a free S-root. Free vertices are never scanned (see rescanFree): each
  // keeps one queued entry, for its heaviest edge to another free vertex.
  const freeBest = new Float64Array(n)
  for (let v = 0; v < n; v++) rescanFree(v)
  let freeCount = n
  // Free vertices per connected component. Only an augmentation changes the matching, and it joins
  // two free vertices of one component: once no component holds two, the matching is final (the
  // rest of the run would only lower duals to prove it). Stopping there skips that tail: at 10,000
  // gen_cohort people one vertex is left free beside an isolated one, after ~45% of the time span.
  const component = new Int32Array(n).fill(-1)
  const freeIn = new Int32Array(n)
  let pairable = 0
  {
    let components = 0
    for (let s = 0; s < n; s++) {
      if (component[s] >= 0) continue
      component[s] = components
      let size = 0
      let top = 0
      queue[top++] = s
      while (top > 0) {
        const x = queue[--top]
        size++
        for (let i = adjStart[x], end = adjStart[x + 1]; i < end; i++) {
          const y = adjNbr[i]
          if (component[y] < 0) {
            component[y] = components
            queue[top++] = y
          }
        }
      }
      freeIn[components++] = size
      if (size >= 2) pairable++
    }
  }

  /**
   * The top-level blossom holding v. inBlossom[v] may point at a nested blossom; from there topHint
   * leads upwards with path compression (union-find style), so deep nesting stays cheap. Only
   * top-level blossoms expand, and expanding one repoints all its vertices at its children, so no
   * lookup ever starts below a blossom that no longer exists.
   */
  function topOf(v: number): number {
    const b = inBlossom[v]
    if (blossomParent[b] === -1) return b
    let top = topHint[b]
    while (blossomParent[top] !== -1) top = topHint[top]
    let x = b
    while (x !== top) {
      const next = topHint[x]
      topHint[x] = top
      x = next
    }
    inBlossom[v] = top
    return top
  }

  function dualOf(v: number): number {
    return yA[v] + ySign[v] * now
  }

  function setYSign(v: number, sign: number): void {
    const y = yA[v] + ySign[v] * now
    ySign[v] = sign
    yA[v] = y - sign * now
    sDual[v] = sign === -1 ? yA[v] : Infinity
  }

  function setZSign(b: number, sign: number): void {
    const z = zA[b] + 2 * zSign[b] * now
    zSign[b] = sign
    zA[b] = z - 2 * sign * now
  }

  /** Writes the vertices of blossom b into leafBuf and returns their count. */
  function collectLeaves(b: number): number {
    if (b < n) {
      leafBuf[0] = b
      return 1
    }
    let count = 0
    let top = 0
    stack[top++] = b
    while (top > 0) {
      const t = stack[--top]
      if (t < n) {
        leafBuf[count++] = t
      } else {
        const childs = blossomChilds[t]!
        for (let i = childs.length - 1; i >= 0; i--) stack[top++] = childs[i]
      }
    }
    return count
  }

  /** Labels top-level blossom b; S vertices go to the scan queue, a T blossom schedules its expansion. */
  function labelTop(b: number, t: number, p: number, tr: number): void {
    label[b] = t
    labelEnd[b] = p
    tree[b] = tr
    treeMembers[tr].push(b)
    const sign = t === 1 ? -1 : 1
    if (b < n) {
      setYSign(b, sign)
      if (t === 1) queue[queueLen++] = b
      return
    }
    setZSign(b, t === 1 ? 1 : -1)
    const count = collectLeaves(b)
    for (let i = 0; i < count; i++) {
      const v = leafBuf[i]
      inBlossom[v] = b
      setYSign(v, sign)
      if (t === 1) queue[queueLen++] = v
    }
    if (t === 2) queuePush(events, now + (zA[b] - 2 * now) / 2, -1 - b)
  }

  /** Labels the blossom holding w; a T blossom makes the mate of its base an S blossom. */
  function assignLabel(w: number, t: number, p: number, tr: number): void {
    const b = topOf(w)
    labelTop(b, t, p, tr)
    if (t === 2) {
      const mp = mate[blossomBase[b]]
      labelTop(topOf(endpoint[mp]), 1, mp ^ 1, tr)
    }
  }

  /** Pushes the events of S vertex v's edges to unlabelled and S vertices. */
  function scanVertex(v: number): void {
    const bv = topOf(v)
    const yv = yA[v] - now // v is an S vertex
    // ySign mirrors the label of each vertex's top-level blossom (-1 S, +1 T, 0 unlabelled), which
    // saves climbing to the blossom for every neighbour.
    for (let i = adjStart[v], end = adjStart[v + 1]; i < end; i++) {
      const w = adjNbr[i]
      const sw = ySign[w]
      if (sw === 1) continue
      if (sw === -1) {
        if (topOf(w) === bv) continue
        queuePush(events, now + (yv + yA[w] - now - adjW[i]) / 2, adjEdge[i])
      } else {
        const key = now + yv + yA[w] - adjW[i]
        if (key < best2[w]) {
          best2[w] = key
          queuePush(events, key, adjEdge[i])
        }
      }
    }
  }

  /**
   * Free vertices are the roots of the trees and all have the dual y0 - now, so an edge between two
   * of them gets tight at y0 - w and is then always an augmentation (two distinct trees). Free
   * vertices are never scanned: their edges to vertices that were ever matched are queued from the
   * other end (its scan when S, its rescan when unlabelled), and among free vertices only each one's
   * heaviest edge to another free vertex is queued, the earliest of them. Vertices only ever leave
   * the free set, so that time never goes down: when the entry pops (freeBest[v] === now) and v is
   * still free, it looks for its next heaviest free neighbour. This replaces one queue entry per edge
   * at the start, nearly all of which went stale, with one per free vertex at a time.
   */
  function rescanFree(v: number): void {
    let best = -1
    let bestAt = -1
    for (let i = adjStart[v], end = adjStart[v + 1]; i < end; i++) {
      if (adjW[i] > best && mate[adjNbr[i]] === -1) {
        best = adjW[i]
        bestAt = i
      }
    }
    if (bestAt < 0) {
      freeBest[v] = Infinity
      return
    }
    freeBest[v] = y0 - best / 2
    queuePush(events, y0 - best / 2, adjEdge[bestAt])
  }

  /** Finds the edge by which S vertices reach unlabelled vertex v first, and queues that one only. */
  function rescanUnlabelled(v: number): void {
    const yv = yA[v]
    let best = Infinity
    let bestAt = -1
    for (let i = adjStart[v], end = adjStart[v + 1]; i < end; i++) {
      const key = sDual[adjNbr[i]] - adjW[i]
      if (key < best) {
        best = key
        bestAt = i
      }
    }
    best += yv
    best2[v] = best
    if (bestAt >= 0) queuePush(events, best, adjEdge[bestAt])
  }

  /**
   * Walks up from the two ends of a tight S-S edge; returns the base of the new blossom if they meet,
   * or -1 if they lie in different trees (an augmenting path).
   */
  function scanBlossom(v: number, w: number): number {
    let pathLen = 0
    let base = -1
    while (v !== -1 || w !== -1) {
      let b = topOf(v)
      if (label[b] & 4) {
        base = blossomBase[b]
        break
      }
      pathBuf[pathLen++] = b
      label[b] = 5
      if (labelEnd[b] === -1) {
        v = -1
      } else {
        v = endpoint[labelEnd[b]]
        b = topOf(v)
        v = endpoint[labelEnd[b]]
      }
      if (w !== -1) {
        const t = v
        v = w
        w = t
      }
    }
    for (let i = 0; i < pathLen; i++) label[pathBuf[i]] = 1
    return base
  }

  /** Shrinks the odd cycle closed by edge k into a new S blossom with the given base vertex. */
  function addBlossom(base: number, k: number): void {
    let v = endpoint[2 * k]
    let w = endpoint[2 * k + 1]
    const bb = topOf(base)
    let bv = topOf(v)
    let bw = topOf(w)
    const b = unusedBlossoms[--unusedCount]
    blossomBase[b] = base
    blossomParent[b] = -1
    // Trace both sides to the base before re-parenting anything: topOf must still see the old tree.
    const path: number[] = []
    const endps: number[] = []
    while (bv !== bb) {
      path.push(bv)
      endps.push(labelEnd[bv])
      v = endpoint[labelEnd[bv]]
      bv = topOf(v)
    }
    path.push(bb)
    path.reverse()
    endps.reverse()
    endps.push(2 * k)
    while (bw !== bb) {
      path.push(bw)
      endps.push(labelEnd[bw] ^ 1)
      w = endpoint[labelEnd[bw]]
      bw = topOf(w)
    }
    blossomChilds[b] = path
    blossomEndps[b] = endps
    for (let i = 0; i < path.length; i++) {
      const c = path[i]
      blossomParent[c] = b
      topHint[c] = b
      if (c >= n) setZSign(c, 0)
    }
    label[b] = 1
    labelEnd[b] = labelEnd[bb]
    const tr = tree[bb]
    tree[b] = tr
    treeMembers[tr].push(b)
    zSign[b] = 1
    zA[b] = -2 * now
    // Vertices of S children keep pointing at their old blossom (topOf climbs from there), so a
    // blossom that keeps swallowing a huge one does not walk all its vertices each time.
    for (let i = 0; i < path.length; i++) {
      const c = path[i]
      if (label[c] !== 2) continue
      const count = collectLeaves(c)
      for (let j = 0; j < count; j++) {
        const x = leafBuf[j]
        setYSign(x, -1)
        queue[queueLen++] = x
        inBlossom[x] = b
      }
    }
  }

  function freeBlossom(b: number): void {
    blossomChilds[b] = null
    blossomEndps[b] = null
    blossomBase[b] = -1
    blossomParent[b] = -1
    label[b] = 0
    labelEnd[b] = -1
    tree[b] = -1
    zA[b] = 0
    zSign[b] = 0
    unusedBlossoms[unusedCount++] = b
  }

  /** Makes the children of b top-level blossoms (their vertices' inBlossom included). */
  function releaseChildren(b: number): void {
    const childs = blossomChilds[b]!
    for (let i = 0; i < childs.length; i++) {
      const s = childs[i]
      blossomParent[s] = -1
      if (s < n) {
        inBlossom[s] = s
      } else {
        const count = collectLeaves(s)
        for (let j = 0; j < count; j++) inBlossom[leafBuf[j]] = s
      }
    }
  }

  /** Expands T blossom b whose dual reached zero, relabelling the children on its even path. */
  function expandTBlossom(b: number): void {
    const childs = blossomChilds[b]!
    const endps = blossomEndps[b]!
    const len = childs.length
    releaseChildren(b)
    const tr = tree[b]
    const entryChild = topOf(endpoint[labelEnd[b] ^ 1])
    let j = childs.indexOf(entryChild)
    let jstep: number
    let endptrick: number
    if (j & 1) {
      j -= len
      jstep = 1
      endptrick = 0
    } else {
      jstep = -1
      endptrick = 1
    }
    let p = labelEnd[b]
    while (j !== 0) {
      assignLabel(endpoint[p ^ 1], 2, p, tr)
      j += jstep
      const e = j - endptrick
      p = endps[e < 0 ? e + len : e] ^ endptrick
      j += jstep
    }
    labelTop(childs[j < 0 ? j + len : j], 2, p, tr)
    j += jstep
    rescanLen = 0
    for (;;) {
      const bv = childs[j < 0 ? j + len : j >= len ? j - len : j]
      if (bv === entryChild) break
      // Off the even path: unlabelled. A tight edge from an S vertex relabels it through the heap.
      label[bv] = 0
      labelEnd[bv] = -1
      const count = collectLeaves(bv)
      for (let i = 0; i < count; i++) {
        const v = leafBuf[i]
        setYSign(v, 0)
        rescan[rescanLen++] = v
      }
      j += jstep
    }
    freeBlossom(b)
    for (let i = 0; i < rescanLen; i++) rescanUnlabelled(rescan[i])
  }

  /** Expands unlabelled blossom b and, recursively, its children whose dual is zero. */
  function expandUnlabelled(b: number): void {
    const work: number[] = [b]
    while (work.length > 0) {
      const x = work.pop()!
      const childs = blossomChilds[x]!
      for (let i = 0; i < childs.length; i++) {
        const s = childs[i]
        blossomParent[s] = -1
        label[s] = 0
        labelEnd[s] = -1
        if (s < n) {
          inBlossom[s] = s
        } else if (zA[s] === 0) {
          work.push(s)
        } else {
          const count = collectLeaves(s)
          for (let j = 0; j < count; j++) inBlossom[leafBuf[j]] = s
        }
      }
      freeBlossom(x)
    }
  }

  /** Unlabels every blossom of tree tr (after an augmentation matched its root). */
  function dissolveTree(tr: number): void {
    const members = treeMembers[tr]
    treeMembers[tr] = []
    for (let i = 0; i < members.length; i++) {
      const e = members[i]
      if (blossomParent[e] !== -1 || tree[e] !== tr || label[e] === 0) continue
      label[e] = 0
      labelEnd[e] = -1
      if (e < n) {
        setYSign(e, 0)
        rescan[rescanLen++] = e
        continue
      }
      setZSign(e, 0)
      const count = collectLeaves(e)
      for (let j = 0; j < count; j++) {
        const v = leafBuf[j]
        setYSign(v, 0)
        rescan[rescanLen++] = v
      }
      if (zA[e] === 0) expandUnlabelled(e)
    }
  }

  /** Swaps matched and unmatched edges inside blossom b so that vertex v becomes its base. */
  function augmentBlossom(b0: number, v0: number): void {
    // Each task (b, v) re-bases every blossom from b down to v; children off that chain become tasks
    // of their own. The chain is collected once, so a deeply nested v costs its depth, not its square.
    const work: number[] = [b0, v0]
    while (work.length > 0) {
      const v = work.pop()!
      const b0 = work.pop()!
      let depth = 0
      for (let t = v; t !== b0; t = blossomParent[t]) chainBuf[depth++] = t
      for (let level = depth - 1; level >= 0; level--) {
        const b = level === depth - 1 ? b0 : chainBuf[level + 1]
        const childs = blossomChilds[b]!
        const endps = blossomEndps[b]!
        const len = childs.length
        const i = childs.indexOf(chainBuf[level])
        let j = i
        let jstep: number
        let endptrick: number
        if (i & 1) {
          j -= len
          jstep = 1
          endptrick = 0
        } else {
          jstep = -1
          endptrick = 1
        }
        while (j !== 0) {
          j += jstep
          let t = childs[j < 0 ? j + len : j]
          const e = j - endptrick
          const p = endps[e < 0 ? e + len : e] ^ endptrick
          if (t >= n) work.push(t, endpoint[p])
          j += jstep
          t = childs[j < 0 ? j + len : j]
          if (t >= n) work.push(t, endpoint[p ^ 1])
          mate[endpoint[p]] = p ^ 1
          mate[endpoint[p ^ 1]] = p
        }
        if (i > 0) {
          blossomChilds[b] = childs.slice(i).concat(childs.slice(0, i))
          blossomEndps[b] = endps.slice(i).concat(endps.slice(0, i))
        }
        blossomBase[b] = v
      }
    }
  }

  /** Flips the augmenting path through tight S-S edge k, whose ends lie in different trees. */
  function augmentMatching(k: number): void {
    for (let side = 0; side < 2; side++) {
      let s = endpoint[2 * k + side]
      let p = 2 * k + 1 - side
      for (;;) {
        const bs = topOf(s)
        if (bs >= n) augmentBlossom(bs, s)
        mate[s] = p
        if (labelEnd[bs] === -1) break
        const t = endpoint[labelEnd[bs]]
        const bt = topOf(t)
        s = endpoint[labelEnd[bt]]
        const j = endpoint[labelEnd[bt] ^ 1]
        if (bt >= n) augmentBlossom(bt, j)
        mate[j] = labelEnd[bt]
        p = labelEnd[bt] ^ 1
      }
    }
  }

  /** Acts on one popped queue entry: drops it when stale, else grows, shrinks, expands or augments. */
  function handleEvent(val: number): void {
    if (val < 0) {
      const b = -1 - val
      if (blossomBase[b] >= 0 && blossomParent[b] === -1 && label[b] === 2 && zA[b] - 2 * now === 0) {
        expandTBlossom(b)
      }
      return
    }
    const u = endpoint[2 * val]
    const v = endpoint[2 * val + 1]
    const su = ySign[u]
    const sv = ySign[v]
    // An event needs an S end, the other end S or unlabelled, distinct blossoms and a tight edge.
    let isEvent = (su === -1 && sv !== 1) || (sv === -1 && su !== 1)
    if (isEvent) {
      const slack = dualOf(u) + dualOf(v) - W[val]
      if (su === -1 && sv === -1 && topOf(u) === topOf(v)) {
        isEvent = false
      } else if (slack !== 0) {
        if (slack < 0) throw new Error(`maxWeightMatching: internal error, edge ${val} has negative slack`)
        isEvent = false
      }
    }
    if (!isEvent) {
      // Stale. If it carried an unlabelled end's best time, that end needs a new best edge; if it
      // carried a free end's heaviest free neighbour, that end needs its next one.
      if (su === 0 && best2[u] === now) rescanUnlabelled(u)
      if (sv === 0 && best2[v] === now) rescanUnlabelled(v)
      if (su === -1 && freeBest[u] === now && mate[u] === -1) rescanFree(u)
      if (sv === -1 && freeBest[v] === now && mate[v] === -1) rescanFree(v)
      return
    }
    const bu = topOf(u)
    const bv = topOf(v)
    const lu = label[bu]
    const lv = label[bv]
    if (lu === 1 && lv === 1) {
      const base = scanBlossom(u, v)
      if (base >= 0) {
        addBlossom(base, val)
      } else {
        const t1 = tree[bu]
        const t2 = tree[bv]
        augmentMatching(val)
        freeCount -= 2
        const c = component[endpoint[2 * val]]
        freeIn[c] -= 2
        if (freeIn[c] < 2) pairable--
        rescanLen = 0
        dissolveTree(t1)
        dissolveTree(t2)
        const count = rescanLen
        for (let i = 0; i < count; i++) rescanUnlabelled(rescan[i])
      }
    } else if (lu === 1) {
      assignLabel(v, 2, 2 * val, tree[bu])
    } else {
      assignLabel(u, 2, 2 * val + 1, tree[bv])
    }
    // The entry may have been a free end's heaviest free neighbour while the event (a blossom, a new
    // T label) left that end free: it needs its next one.
    if (freeBest[u] === now && mate[u] === -1) rescanFree(u)
    if (freeBest[v] === now && mate[v] === -1) rescanFree(v)
  }

  for (;;) {
    while (queueLen > 0) scanVertex(queue[--queueLen])
    if (freeCount === 0 || (pairable === 0 && !withCertificate) || !queueSettle(events)) break
    now = events.last
    handleEvent(queuePop(events))
  }

  const result = new Int32Array(n).fill(-1)
  for (let v = 0; v < n; v++) if (mate[v] >= 0) result[v] = endpoint[mate[v]]
  if (!withCertificate) return { mate: result, vertexDual: new Float64Array(0), blossoms: [] }

  // Free roots keep lowering their duals until they reach zero (no event stops them before y0).
  if (freeCount > 0) now = y0
  const vertexDual = new Float64Array(n)
  for (let v = 0; v < n; v++) vertexDual[v] = dualOf(v)
  const blossoms: { vertices: Int32Array; dual: number }[] = []
  for (let b = n; b < 2 * n; b++) {
    if (blossomBase[b] < 0) continue
    const count = collectLeaves(b)
    blossoms.push({ vertices: leafBuf.slice(0, count), dual: zA[b] + 2 * zSign[b] * now })
  }
  return { mate: result, vertexDual, blossoms }
}
