import { maxWeightMatching, type WeightedGraph } from './blossom.ts'
import type { CandidateGraph } from './candidate-graph.ts'
import { maxWeightCapacitatedAssignment } from './capacitated.ts'
import { CohortError } from './errors.ts'

/** Exact maximum-weight matching: mate[v] = partner or -1. The engine's is blossom.ts; tests pass others. */
export type MatchingSolver = (graph: WeightedGraph) => Int32Array

export const defaultSolver: MatchingSolver = maxWeightMatching

/** Lifted weights must keep every sum the solver forms (doubled) exact. */
const MAX_LIFTED_TOTAL = 2 ** 50

/**
 * Solves the objective on a weighted graph. maxCardinalityThenWeight lifts every edge by
 * L = 1 + (most edges a matching can hold) x (largest weight): one more edge always beats any
 * gain in weight, and among matchings of the same size the original weights decide.
 */
export function solveObjective(graph: WeightedGraph, isMaxCardinality: boolean, solve: MatchingSolver): Int32Array {
  if (graph.edgeU.length === 0) return new Int32Array(graph.n).fill(-1)
  if (!isMaxCardinality) return solve(graph)
  return solve({ ...graph, weight: liftedWeights(graph.weight, Math.floor(graph.n / 2)) })
}

/** The weights lifted by L = 1 + maxEdges x (largest weight), after checking every sum stays exact. */
function liftedWeights(weights: Float64Array, maxEdges: number): Float64Array {
  let maxWeight = 0
  for (const w of weights) if (w > maxWeight) maxWeight = w
  const lift = 1 + maxEdges * maxWeight
  if (maxEdges * (lift + maxWeight) >= MAX_LIFTED_TOTAL) {
    throw new CohortError(
      'program.objective',
      'maxCardinalityThenWeight needs smaller scores for a cohort this size (lower the weights or pointsPerWeightUnit)',
    )
  }
  const weight = new Float64Array(weights.length)
  for (let e = 0; e < weight.length; e++) weight[e] = weights[e] + lift
  return weight
}

/** Peer: pairs [a, b] (a < b, sorted by a) of the optimum on the candidate graph. */
export function solvePeer(graph: CandidateGraph, isMaxCardinality: boolean, solve: MatchingSolver): [number, number][] {
  const mate = solveObjective(
    { n: graph.n, edgeU: graph.edgeU, edgeV: graph.edgeV, weight: graph.score },
    isMaxCardinality,
    solve,
  )
  const pairs: [number, number][] = []
  for (let v = 0; v < graph.n; v++) if (mate[v] > v) pairs.push([v, mate[v]])
  return pairs
}

/**
 * Mentoring: the optimal capacitated assignment, by successive shortest paths on the bipartite
 * graph itself (capacitated.ts), with no copies of mentors. A solver other than the default (tests
 * and the benchmark pass references) gets the replicated graph instead (solveMentoringReplicated).
 * maxCardinalityThenWeight lifts the weights as solveObjective does on the replicated graph (the
 * same lift, so the same cohorts are refused as too large). Returns [mentor, mentee] sorted by
 * mentor then mentee.
 */
export function solveMentoring(
  graph: CandidateGraph,
  capacity: Int32Array,
  isMaxCardinality: boolean,
  solve: MatchingSolver,
): [number, number][] {
  if (solve !== defaultSolver) return solveMentoringReplicated(graph, capacity, isMaxCardinality, solve)
  const { n, edgeU, edgeV, score } = graph
  if (edgeU.length === 0) return []
  let weight = score
  if (isMaxCardinality) {
    const degree = new Int32Array(n)
    for (let e = 0; e < edgeU.length; e++) degree[edgeU[e]]++
    let vertices = n
    for (let m = 0; m < n; m++) vertices += Math.min(capacity[m], degree[m])
    weight = liftedWeights(score, Math.floor(vertices / 2))
  }
  const mentorOf = maxWeightCapacitatedAssignment({ n, edgeU, edgeV, weight, capacity })
  const pairs: [number, number][] = []
  for (let mentee = 0; mentee < n; mentee++) if (mentorOf[mentee] >= 0) pairs.push([mentorOf[mentee], mentee])
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return pairs
}

/**
 * Mentoring on the replicated graph (the method before capacitated.ts, kept as the tests'
 * reference and for other solvers). Each mentor becomes min(capacity, degree) copies,
 * each joined to all of the mentor's candidate mentees; the graph stays bipartite, so the matching
 * solver never forms a blossom, and a maximum matching of it is the optimal assignment.
 * Returns [mentor, mentee] sorted by mentor then mentee.
 */
export function solveMentoringReplicated(
  graph: CandidateGraph,
  capacity: Int32Array,
  isMaxCardinality: boolean,
  solve: MatchingSolver,
): [number, number][] {
  const { n, edgeU, edgeV, score } = graph
  const degree = new Int32Array(n)
  for (let e = 0; e < edgeU.length; e++) degree[edgeU[e]]++
  // vertices 0..n-1 are the participants themselves (mentees); copies of mentors follow
  const firstCopy = new Int32Array(n)
  const copies = new Int32Array(n)
  let vertices = n
  let edges = 0
  for (let m = 0; m < n; m++) {
    copies[m] = Math.min(capacity[m], degree[m])
    firstCopy[m] = vertices
    vertices += copies[m]
    edges += copies[m] * degree[m]
  }
  const u = new Int32Array(edges)
  const v = new Int32Array(edges)
  const w = new Float64Array(edges)
  const copyOwner = new Int32Array(vertices).fill(-1)
  let k = 0
  for (let e = 0; e < edgeU.length; e++) {
    const mentor = edgeU[e]
    for (let r = 0; r < copies[mentor]; r++) {
      u[k] = firstCopy[mentor] + r
      v[k] = edgeV[e]
      w[k] = score[e]
      copyOwner[firstCopy[mentor] + r] = mentor
      k++
    }
  }
  const mate = solveObjective({ n: vertices, edgeU: u, edgeV: v, weight: w }, isMaxCardinality, solve)
  const pairs: [number, number][] = []
  for (let copy = n; copy < vertices; copy++) if (mate[copy] >= 0) pairs.push([copyOwner[copy], mate[copy]])
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return pairs
}
