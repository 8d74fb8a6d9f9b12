import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maxWeightMatching, maxWeightMatchingCertificate, type WeightedGraph } from './blossom.ts'

type Edge = [number, number, number]

// The reference solver is untyped CommonJS; only the tests and benchmarks use it.
const referenceBlossom = createRequire(import.meta.url)('edmonds-blossom-fixed') as (edges: Edge[]) => number[]

function buildGraph(n: number, edges: Edge[]): WeightedGraph {
  return {
    n,
    edgeU: Int32Array.from(edges, (e) => e[0]),
    edgeV: Int32Array.from(edges, (e) => e[1]),
    weight: Float64Array.from(edges, (e) => e[2]),
  }
}

function vertexCount(edges: Edge[]): number {
  let n = 0
  for (const [u, v] of edges) n = Math.max(n, u + 1, v + 1)
  return n
}

function edgeKey(u: number, v: number): number {
  return u < v ? u * 1_000_003 + v : v * 1_000_003 + u
}

/** Checks mate is a matching of graph's edges and returns its total weight. */
function matchingWeight(graph: WeightedGraph, mate: ArrayLike<number>): number {
  const weightOf = new Map<number, number>()
  for (let k = 0; k < graph.edgeU.length; k++) weightOf.set(edgeKey(graph.edgeU[k], graph.edgeV[k]), graph.weight[k])
  expect(mate.length).toBe(graph.n)
  let total = 0
  for (let v = 0; v < graph.n; v++) {
    const w = mate[v]
    if (w === -1) continue
    expect(mate[w]).toBe(v)
    const weight = weightOf.get(edgeKey(v, w))
    expect(weight, `matched pair ${v}-${w} is not an edge`).toBeDefined()
    if (v < w) total += weight!
  }
  return total
}

/** Maximum matching weight by dynamic programming over vertex subsets (small graphs only). */
function bruteForceWeight(graph: WeightedGraph): number {
  const n = graph.n
  const adj = Array.from({ length: n }, () => new Array<number>(n).fill(-1))
  for (let k = 0; k < graph.edgeU.length; k++) {
    const u = graph.edgeU[k]
    const v = graph.edgeV[k]
    adj[u][v] = Math.max(adj[u][v], graph.weight[k])
    adj[v][u] = adj[u][v]
  }
  const best = new Float64Array(1 << n)
  for (let mask = 1; mask < 1 << n; mask++) {
    const i = 31 - Math.clz32(mask & -mask)
    const rest = mask & ~(1 << i)
    let value = best[rest]
    for (let j = i + 1; j < n; j++) {
      if (rest & (1 << j) && adj[i][j] >= 0) value = Math.max(value, adj[i][j] + best[rest & ~(1 << j)])
    }
    best[mask] = value
  }
  return best[(1 << n) - 1]
}

/**
 * Verifies the dual solution proves the matching optimal (LP duality with blossom constraints):
 * feasible duals, tight matched edges, zero duals on free vertices and full blossoms where z > 0.
 */
function expectOptimalCertificate(graph: WeightedGraph): Int32Array {
  const { mate, vertexDual, blossoms } = maxWeightMatchingCertificate(graph)
  const n = graph.n
  const inside = blossoms.map((b) => {
    const set = new Uint8Array(n)
    for (const v of b.vertices) set[v] = 1
    return set
  })
  for (let v = 0; v < n; v++) {
    expect(Number.isInteger(vertexDual[v]), `dual of ${v} is an integer`).toBe(true)
    expect(vertexDual[v]).toBeGreaterThanOrEqual(0)
    if (mate[v] === -1) expect(vertexDual[v], `free vertex ${v} has zero dual`).toBe(0)
  }
  for (let k = 0; k < graph.edgeU.length; k++) {
    const u = graph.edgeU[k]
    const v = graph.edgeV[k]
    let slack = vertexDual[u] + vertexDual[v] - 2 * graph.weight[k]
    for (let i = 0; i < blossoms.length; i++) if (inside[i][u] && inside[i][v]) slack += blossoms[i].dual
    expect(slack, `edge ${u}-${v} is feasible`).toBeGreaterThanOrEqual(0)
    if (mate[u] === v) expect(slack, `matched edge ${u}-${v} is tight`).toBe(0)
  }
  for (let i = 0; i < blossoms.length; i++) {
    const b = blossoms[i]
    expect(Number.isInteger(b.dual)).toBe(true)
    expect(b.dual).toBeGreaterThanOrEqual(0)
    expect(b.vertices.length % 2).toBe(1)
    if (b.dual > 0) {
      let matchedInside = 0
      for (const v of b.vertices) if (mate[v] !== -1 && inside[i][mate[v]]) matchedInside++
      expect(matchedInside, 'a blossom with positive dual is full').toBe(b.vertices.length - 1)
    }
  }
  return mate
}

function pairsOf(mate: Int32Array): [number, number][] {
  const pairs: [number, number][] = []
  for (let v = 0; v < mate.length; v++) if (mate[v] > v) pairs.push([v, mate[v]])
  return pairs
}

function sortedPairs(pairs: [number, number][]): [number, number][] {
  return pairs.map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a])).sort((x, y) => x[0] - y[0] || x[1] - y[1])
}

/** Reference total from edmonds-blossom-fixed (van Rantwijk's algorithm, ported to JS). */
function referenceWeight(graph: WeightedGraph): number {
  const edges: Edge[] = []
  for (let k = 0; k < graph.edgeU.length; k++) edges.push([graph.edgeU[k], graph.edgeV[k], graph.weight[k]])
  if (edges.length === 0) return 0
  const mate = referenceBlossom(edges)
  const full = Array.from({ length: graph.n }, (_, v) => (v < mate.length ? mate[v] : -1))
  return matchingWeight(graph, full)
}

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce from the seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Random sparse graph; a small weight range makes many ties, as real candidate scores do. */
function randomGraph(seed: number, n: number, degree: number, maxWeight: number): WeightedGraph {
  const random = rng(seed)
  const seen = new Set<number>()
  const edges: Edge[] = []
  const target = Math.floor((n * degree) / 2)
  for (let tries = 0; edges.length < target && tries < target * 4; tries++) {
    const u = Math.floor(random() * n)
    const v = Math.floor(random() * n)
    if (u === v || seen.has(edgeKey(u, v))) continue
    seen.add(edgeKey(u, v))
    edges.push([u, v, Math.floor(random() * (maxWeight + 1))])
  }
  return buildGraph(n, edges)
}

describe('maxWeightMatching on known graphs', () => {
  // Mostly the classic cases of van Rantwijk's mwmatching test suite (also networkx's): each one
  // drives a particular blossom operation.
  // biome-ignore format: one graph per line reads better than one edge per line
  const cases: { name: string; edges: Edge[]; pairs: [number, number][] }[] = [
    { name: 'single edge', edges: [[0, 1, 1]], pairs: [[0, 1]] },
    { name: 'path of two', edges: [[1, 2, 10], [2, 3, 11]], pairs: [[2, 3]] },
    { name: 'middle edge wins', edges: [[1, 2, 5], [2, 3, 11], [3, 4, 5]], pairs: [[2, 3]] },
    { name: 'S-blossom used for augmentation', edges: [[1, 2, 8], [1, 3, 9], [2, 3, 10], [3, 4, 7]], pairs: [[1, 2], [3, 4]] },
    {
      name: 'S-blossom with pendant edges',
      edges: [[1, 2, 8], [1, 3, 9], [2, 3, 10], [3, 4, 7], [1, 6, 5], [4, 5, 6]],
      pairs: [[2, 3], [1, 6], [4, 5]],
    },
    {
      name: 'S-blossom relabelled as T-blossom',
      edges: [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 4], [1, 6, 3]],
      pairs: [[2, 3], [4, 5], [1, 6]],
    },
    {
      name: 'T-blossom, variant a',
      edges: [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 3], [1, 6, 4]],
      pairs: [[2, 3], [4, 5], [1, 6]],
    },
    {
      name: 'T-blossom, variant b',
      edges: [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 3], [3, 6, 4]],
      pairs: [[1, 2], [4, 5], [3, 6]],
    },
    {
      name: 'nested S-blossom',
      edges: [[1, 2, 9], [1, 3, 9], [2, 3, 10], [2, 4, 8], [3, 5, 8], [4, 5, 10], [5, 6, 6]],
      pairs: [[1, 3], [2, 4], [5, 6]],
    },
    {
      name: 'S-blossom relabelled as S, nested',
      edges: [[1, 2, 10], [1, 7, 10], [2, 3, 12], [3, 4, 20], [3, 5, 20], [4, 5, 25], [5, 6, 10], [6, 7, 10], [7, 8, 8]],
      pairs: [[1, 2], [3, 4], [5, 6], [7, 8]],
    },
    {
      name: 'nested S-blossom, augment, expand recursively',
      edges: [
        [1, 2, 8], [1, 3, 8], [2, 3, 10], [2, 4, 12], [3, 5, 12], [4, 5, 14], [4, 6, 12], [5, 7, 12], [6, 7, 14], [7, 8, 12],
      ],
      pairs: [[1, 2], [3, 5], [4, 6], [7, 8]],
    },
    {
      name: 'S-blossom relabelled as T and expanded',
      edges: [[1, 2, 23], [1, 5, 22], [1, 6, 15], [2, 3, 25], [3, 4, 22], [4, 5, 25], [4, 8, 14], [5, 7, 13]],
      pairs: [[1, 6], [2, 3], [4, 8], [5, 7]],
    },
    {
      name: 'nested S-blossom relabelled as T and expanded',
      edges: [[1, 2, 19], [1, 3, 20], [1, 8, 8], [2, 3, 25], [2, 4, 18], [3, 5, 18], [4, 5, 13], [4, 7, 7], [5, 6, 7]],
      pairs: [[1, 8], [2, 3], [4, 7], [5, 6]],
    },
    {
      name: 'blossom relabelled as T in more than one way, expanded',
      edges: [
        [1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 35], [5, 7, 26], [9, 10, 5],
      ],
      pairs: [[2, 3], [1, 6], [4, 8], [5, 7], [9, 10]],
    },
    {
      name: 'T-blossom expansion, second variant',
      edges: [
        [1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 26], [5, 7, 40], [9, 10, 5],
      ],
      pairs: [[2, 3], [1, 6], [4, 8], [5, 7], [9, 10]],
    },
    {
      name: 'T-blossom expansion creating a new least-slack edge',
      edges: [
        [1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 28], [5, 7, 26], [9, 10, 5],
      ],
      pairs: [[2, 3], [1, 6], [4, 8], [5, 7], [9, 10]],
    },
    {
      name: 'nested blossom relabelled as T in more than one way, inner blossom on the augmenting path',
      edges: [
        [1, 2, 45], [1, 7, 45], [2, 3, 50], [3, 4, 45], [4, 5, 95], [4, 6, 94], [5, 6, 94], [6, 7, 50], [1, 8, 30],
        [3, 11, 35], [5, 9, 36], [7, 10, 26], [11, 12, 5],
      ],
      pairs: [[2, 3], [4, 6], [1, 8], [5, 9], [7, 10], [11, 12]],
    },
    {
      name: 'nested S-blossom relabelled as S, expanded recursively',
      edges: [
        [1, 2, 40], [1, 3, 40], [2, 3, 60], [2, 4, 55], [3, 5, 55], [4, 5, 50], [1, 8, 15], [5, 7, 30], [7, 6, 10],
        [8, 10, 10], [4, 9, 30],
      ],
      pairs: [[1, 2], [3, 5], [7, 6], [8, 10], [4, 9]],
    },
    {
      name: 'leaves some vertices unmatched',
      edges: [[0, 1, 2], [0, 4, 3], [1, 2, 7], [1, 5, 2], [2, 3, 9], [2, 5, 4], [3, 4, 8], [3, 5, 4]],
      pairs: [[1, 2], [3, 4]],
    },
    {
      name: 'nested S-blossom, augment, expand only the outer one',
      edges: [[0, 1, 8], [0, 2, 8], [1, 2, 9], [1, 3, 6], [2, 4, 7], [3, 4, 8], [3, 5, 5]],
      pairs: [[0, 1], [2, 4], [3, 5]],
    },
    {
      name: 'nested S-blossom whose inner dual stays zero',
      edges: [[0, 1, 7], [0, 2, 7], [1, 2, 9], [0, 3, 7], [0, 4, 7], [3, 4, 9], [5, 6, 2]],
      pairs: [[1, 2], [3, 4], [5, 6]],
    },
    {
      name: 'redundant edge dropped while making a blossom',
      edges: [[0, 1, 7], [0, 4, 6], [1, 2, 9], [2, 3, 8], [3, 4, 9], [2, 5, 1], [4, 5, 1]],
      pairs: [[1, 2], [3, 4]],
    },
    {
      name: 'corner case with a pendant pair',
      edges: [[0, 1, 50], [0, 4, 51], [0, 5, 34], [1, 2, 43], [1, 4, 57], [2, 5, 47], [3, 4, 17]],
      pairs: [[0, 1], [2, 5], [3, 4]],
    },
    {
      name: 'corner case with a heavy centre',
      edges: [[0, 1, 21], [0, 2, 25], [0, 5, 42], [1, 4, 40], [2, 3, 10], [2, 5, 40], [3, 5, 31], [4, 5, 58]],
      pairs: [[0, 2], [1, 4], [3, 5]],
    },
    {
      name: 'corner case with two heavy edges at one vertex',
      edges: [[0, 1, 42], [0, 2, 60], [1, 3, 34], [1, 4, 58], [1, 5, 52], [2, 5, 60], [3, 5, 34], [4, 5, 57]],
      pairs: [[0, 2], [1, 4], [3, 5]],
    },
    { name: 'star', edges: [[0, 1, 3], [0, 2, 9], [0, 3, 4], [0, 4, 8]], pairs: [[0, 2]] },
    { name: 'triangle', edges: [[0, 1, 5], [1, 2, 6], [0, 2, 7]], pairs: [[0, 2]] },
    {
      name: 'odd cycle of five with a tail',
      edges: [[0, 1, 10], [1, 2, 10], [2, 3, 10], [3, 4, 10], [4, 0, 10], [4, 5, 1]],
      pairs: [[0, 1], [2, 3], [4, 5]],
    },
    {
      // a's heaviest free partner (c) and b's (e) are matched before their edges get tight: each
      // must go on to its next free partner (a-b)
      name: 'free vertices whose heaviest free partners are taken first',
      edges: [[2, 3, 10], [0, 2, 9], [0, 1, 5], [1, 4, 6], [4, 5, 20]],
      pairs: [[0, 1], [2, 3], [4, 5]],
    },
    {
      name: 'two components',
      edges: [[0, 1, 4], [1, 2, 5], [3, 4, 3], [4, 5, 1], [5, 3, 1]],
      pairs: [[1, 2], [3, 4]],
    },
  ]

  for (const { name, edges, pairs } of cases) {
    it(name, () => {
      const graph = buildGraph(vertexCount(edges), edges)
      const mate = expectOptimalCertificate(graph)
      expect(matchingWeight(graph, mate)).toBe(bruteForceWeight(graph))
      expect(sortedPairs(pairsOf(mate))).toEqual(sortedPairs(pairs))
    })
  }

  it('returns an empty matching for an empty graph', () => {
    expect(maxWeightMatching(buildGraph(0, []))).toEqual(new Int32Array(0))
    expect(maxWeightMatching(buildGraph(3, []))).toEqual(Int32Array.of(-1, -1, -1))
  })

  it('may leave zero-weight edges out, and never loses weight to them', () => {
    const graph = buildGraph(4, [
      [0, 1, 0],
      [1, 2, 0],
      [2, 3, 0],
    ])
    expect(matchingWeight(graph, expectOptimalCertificate(graph))).toBe(0)
    const mixed = buildGraph(4, [
      [0, 1, 0],
      [1, 2, 3],
      [2, 3, 0],
    ])
    expect(matchingWeight(mixed, expectOptimalCertificate(mixed))).toBe(3)
  })

  it('handles ties deterministically', () => {
    const edges: Edge[] = []
    for (let u = 0; u < 9; u++) for (let v = u + 1; v < 9; v++) edges.push([u, v, 7])
    const graph = buildGraph(9, edges)
    const first = expectOptimalCertificate(graph)
    expect(matchingWeight(graph, first)).toBe(28)
    expect(maxWeightMatching(graph)).toEqual(first)
  })

  it('keeps weights up to 1e12 exact', () => {
    const big = 1e12
    const graph = buildGraph(5, [
      [0, 1, big],
      [1, 2, big + 1],
      [2, 3, big],
      [3, 4, 1],
      [4, 0, big - 1],
    ])
    const mate = expectOptimalCertificate(graph)
    expect(matchingWeight(graph, mate)).toBe(bruteForceWeight(graph))
  })

  it('rejects malformed graphs', () => {
    expect(() => maxWeightMatching(buildGraph(2, [[0, 0, 1]]))).toThrow(RangeError)
    expect(() => maxWeightMatching(buildGraph(2, [[0, 2, 1]]))).toThrow(RangeError)
    expect(() => maxWeightMatching(buildGraph(2, [[0, 1, -1]]))).toThrow(RangeError)
    expect(() => maxWeightMatching(buildGraph(2, [[0, 1, 0.5]]))).toThrow(RangeError)
  })

  it('survives blossoms nested 1,500 deep without recursion', () => {
    // Root 0 plus heavy pairs (2i-1, 2i); each pair hangs off the previous one by slightly lighter
    // edges, so every pair becomes a T-S step that closes a blossom around all earlier ones.
    const depth = 1500
    const edges: Edge[] = []
    for (let i = 1; i <= depth; i++) {
      const previousA = i === 1 ? 0 : 2 * i - 3
      const previousB = i === 1 ? 0 : 2 * i - 2
      edges.push(
        [2 * i - 1, 2 * i, 10_000_000],
        [2 * i - 1, previousA, 9_999_990 - i],
        [2 * i, previousB, 9_999_990 - i],
      )
    }
    const graph = buildGraph(2 * depth + 1, edges)
    const { blossoms } = maxWeightMatchingCertificate(graph)
    const nesting = new Int32Array(graph.n)
    for (const b of blossoms) for (const v of b.vertices) nesting[v]++
    expect(Math.max(...nesting)).toBe(depth)
    expectOptimalCertificate(graph)
  })
})

/** Random graphs of up to 12 vertices with weights 0..20, small enough for brute force. */
function smallGraphs() {
  return fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.uniqueArray(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: 20 }),
          ),
          { maxLength: (n * (n - 1)) / 2, selector: ([u, v]) => edgeKey(u, v) },
        ),
      }),
    )
    .map(({ n, edges }) =>
      buildGraph(
        n,
        edges.filter(([u, v]) => u !== v),
      ),
    )
}

describe('maxWeightMatching against brute force', () => {
  const smallGraph = smallGraphs()

  it('finds the optimum total and a valid matching, with a dual certificate', () => {
    fc.assert(
      fc.property(smallGraph, (graph) => {
        const mate = expectOptimalCertificate(graph)
        expect(matchingWeight(graph, mate)).toBe(bruteForceWeight(graph))
      }),
      { numRuns: 1500 },
    )
  })

  it('stays exact with weights lifted by up to 1e12 (the cardinality-first objective)', () => {
    const lifted = fc.tuple(smallGraph, fc.constantFrom(1e6, 1e9, 1e12)).map(([graph, lift]) => ({
      ...graph,
      weight: graph.weight.map((w) => w + lift),
    }))
    fc.assert(
      fc.property(lifted, (graph) => {
        const mate = expectOptimalCertificate(graph)
        expect(matchingWeight(graph, mate)).toBe(bruteForceWeight(graph))
      }),
      { numRuns: 500 },
    )
  })

  it('finds the optimum on dense small graphs with few distinct weights', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const random = rng(seed)
      const n = 6 + Math.floor(random() * 7)
      const graph = randomGraph(seed * 7919, n, n - 1 - Math.floor(random() * 4), 1 + Math.floor(random() * 4))
      const mate = expectOptimalCertificate(graph)
      expect(matchingWeight(graph, mate), `seed ${seed}`).toBe(bruteForceWeight(graph))
    }
  })
})

/** Disjoint random components of 1-60 vertices (singletons, odd and even sizes), relabelled at random. */
function componentsGraph(seed: number): WeightedGraph {
  const random = rng(seed)
  const edges: Edge[] = []
  let n = 0
  const parts = 1 + Math.floor(random() * 8)
  for (let c = 0; c < parts; c++) {
    const size = random() < 0.2 ? 1 : 2 + Math.floor(random() * 59)
    const part = randomGraph(
      seed * 31 + c,
      size,
      Math.min(size - 1, 1 + Math.floor(random() * 8)),
      1 + Math.floor(random() * 50),
    )
    for (let k = 0; k < part.edgeU.length; k++) edges.push([n + part.edgeU[k], n + part.edgeV[k], part.weight[k]])
    n += size
  }
  const place = Array.from({ length: n }, (_, v) => v)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[place[i], place[j]] = [place[j], place[i]]
  }
  return buildGraph(
    n,
    edges.map(([u, v, w]) => [place[u], place[v], w]),
  )
}

describe('maxWeightMatching stops once no component holds two free vertices', () => {
  // The certificate run goes on until the free vertices' duals reach zero; the plain run stops as
  // soon as no augmentation is possible. Both replay the same events up to there, so the matchings
  // must be identical, not just of equal weight.
  it('returns the same matching as the full run, the optimum, on small graphs', () => {
    fc.assert(
      fc.property(smallGraphs(), (graph) => {
        const mate = maxWeightMatching(graph)
        expect(Array.from(mate)).toEqual(Array.from(maxWeightMatchingCertificate(graph).mate))
        expect(matchingWeight(graph, mate)).toBe(bruteForceWeight(graph))
      }),
      { numRuns: 1000 },
    )
  })

  it('returns the same matching as the full run on graphs of many components', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const graph = componentsGraph(seed)
      const mate = maxWeightMatching(graph)
      expect(Array.from(mate), `seed ${seed}`).toEqual(Array.from(expectOptimalCertificate(graph)))
    }
  })

  it('returns the same matching as the full run on larger connected graphs', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(seed * 13)
      const graph = randomGraph(seed * 101, 200 + Math.floor(random() * 800), 4 + Math.floor(random() * 20), 10_000)
      expect(Array.from(maxWeightMatching(graph)), `seed ${seed}`).toEqual(
        Array.from(maxWeightMatchingCertificate(graph).mate),
      )
    }
  })
})

describe('maxWeightMatching against edmonds-blossom-fixed', () => {
  it('solves capacitated assignment as a bipartite graph of replicated mentors', () => {
    // Mentoring reuses the solver by giving each mentor `capacity` identical copies.
    for (let seed = 1; seed <= 20; seed++) {
      const random = rng(seed)
      const mentees = 60 + Math.floor(random() * 60)
      const mentors = 15 + Math.floor(random() * 20)
      const capacity = 2 + Math.floor(random() * 2)
      const edges: Edge[] = []
      for (let mentor = 0; mentor < mentors; mentor++) {
        for (let mentee = 0; mentee < mentees; mentee++) {
          if (random() > 0.3) continue
          const score = Math.floor(random() * 50)
          for (let copy = 0; copy < capacity; copy++) edges.push([mentees + mentor * capacity + copy, mentee, score])
        }
      }
      const graph = buildGraph(mentees + mentors * capacity, edges)
      const mate = expectOptimalCertificate(graph)
      expect(matchingWeight(graph, mate), `seed ${seed}`).toBe(referenceWeight(graph))
    }
  })

  it('is deterministic on a larger graph full of ties', () => {
    const graph = randomGraph(99, 2000, 30, 5)
    expect(maxWeightMatching(graph)).toEqual(maxWeightMatching(graph))
  })

  const isLong = process.env.BLOSSOM_LONG === '1'
  const runs = isLong ? 5000 : 300

  it(`agrees on ${runs} random graphs of 50-400 vertices`, { timeout: isLong ? 3_600_000 : 120_000 }, () => {
    for (let seed = 1; seed <= runs; seed++) {
      const random = rng(seed)
      const n = 50 + Math.floor(random() * 351)
      const degree = 2 + Math.floor(random() * 12)
      const maxWeight = [1, 3, 10, 100, 10_000][Math.floor(random() * 5)]
      const graph = randomGraph(seed, n, degree, maxWeight)
      const mate = seed % 10 === 0 ? expectOptimalCertificate(graph) : maxWeightMatching(graph)
      expect(matchingWeight(graph, mate), `seed ${seed}, n ${n}`).toBe(referenceWeight(graph))
    }
  })
})
