import {
  buildCandidateGraph,
  buildCandidateGraphParallel,
  type CandidateGraph,
  type ScanWorkers,
} from './candidate-graph.ts'
import { buildCircles } from './circles.ts'
import type { Cohort } from './cohort.schema.ts'
import { defaultSolver, type MatchingSolver, solveMentoring, solvePeer } from './pairing.ts'
import { type PreparedCohort, prepareCohort, ROLE_MENTOR } from './prepared-cohort.ts'
import type { Match, MatchingResult, Unmatched } from './result.schema.ts'
import { explainPair, scorePair } from './scoring.ts'

export const ENGINE_NAME = 'tandem'
export const ENGINE_VERSION = '1.0.0'

export interface RunOptions {
  /** the exact matching solver (default: blossom.ts); tests and the benchmark pass references */
  solve?: MatchingSolver
  /** wall clock for solver.elapsedMs (default performance.now) */
  now?: () => number
}

/** Matches a parsed cohort: exact optimum for peer and mentoring, a heuristic grouping for circles. */
export function runMatching(cohort: Cohort, options: RunOptions = {}): MatchingResult {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const prep = prepareCohort(cohort)
  return solveOnGraph(prep, buildCandidateGraph(prep), options, started)
}

/**
 * The same result, with the candidate graph's O(n^2) scan shared with worker threads (the CLI
 * starts them while it reads the input: pass them as `workers`).
 */
export async function runMatchingParallel(
  cohort: Cohort,
  options: RunOptions & { workers?: ScanWorkers; threads?: number; minPeople?: number } = {},
): Promise<MatchingResult> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const prep = prepareCohort(cohort)
  const graph = await buildCandidateGraphParallel(prep, {
    workers: options.workers,
    threads: options.threads,
    minPeople: options.minPeople,
  })
  return solveOnGraph(prep, graph, options, started)
}

function solveOnGraph(
  prep: PreparedCohort,
  graph: CandidateGraph,
  options: RunOptions,
  started: number,
): MatchingResult {
  const now = options.now ?? (() => performance.now())
  const solve = options.solve ?? defaultSolver
  const { cohort } = prep
  const { program } = cohort
  const isMaxCardinality = program.objective === 'maxCardinalityThenWeight'

  let matches: Match[]
  let matched: Uint8Array
  let exact = true
  let algorithm: string
  if (program.type === 'peer') {
    const pairs = solvePeer(graph, isMaxCardinality, solve)
    matches = pairs.map(([a, b]) => pairMatch(prep, a, b))
    matched = markMatched(prep.n, pairs)
    algorithm = 'blossom'
  } else if (program.type === 'mentoring') {
    const pairs = solveMentoring(graph, prep.capacity, isMaxCardinality, solve)
    matches = pairs.map(([mentor, mentee]) => pairMatch(prep, mentor, mentee))
    matched = markMatched(prep.n, pairs)
    algorithm = options.solve === undefined ? 'capacitated-shortest-paths' : 'blossom-capacitated'
  } else {
    const circles = buildCircles(prep, graph, solve)
    matches = circles.map((members) => circleMatch(prep, members))
    matched = markMatched(prep.n, circles)
    exact = false
    algorithm = 'circles-local-search'
  }

  const unmatched = listUnmatched(prep, graph, matched)
  const totalScore = matches.reduce((sum, m) => sum + m.score, 0)
  const participantsMatched = matched.reduce((sum, x) => sum + x, 0)
  return {
    schemaVersion: '1.0',
    cohortId: cohort.cohortId,
    programType: program.type,
    objective: program.objective,
    solver: {
      name: `${ENGINE_NAME}/${algorithm}`,
      version: ENGINE_VERSION,
      exact,
      candidateTopK: program.candidateTopK,
      elapsedMs: Math.max(0, Math.round((now() - started) * 10) / 10),
    },
    totalScore,
    stats: {
      participants: prep.n,
      candidateEdges: graph.edgeU.length,
      matches: matches.length,
      participantsMatched,
      unmatched: unmatched.length,
    },
    matches,
    unmatched,
  }
}

function markMatched(n: number, groups: number[][]): Uint8Array {
  const matched = new Uint8Array(n)
  for (const group of groups) for (const i of group) matched[i] = 1
  return matched
}

function pairMatch(prep: PreparedCohort, a: number, b: number): Match {
  const { score, criteria, questionCriteria } = explainPair(prep, a, b)
  const match: Match = { members: [prep.ids[a], prep.ids[b]], score, criteria }
  if (questionCriteria !== undefined) match.questionCriteria = questionCriteria
  return match
}

function circleMatch(prep: PreparedCohort, members: number[]): Match {
  const pairScores: { members: [string, string]; score: number }[] = []
  let sum = 0
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const score = scorePair(prep, members[x], members[y])
      pairScores.push({ members: [prep.ids[members[x]], prep.ids[members[y]]], score })
      sum += score
    }
  }
  return { members: members.map((i) => prep.ids[i]), score: Math.floor(sum / (members.length - 1)), pairScores }
}

/** Everyone not in a match (mentors: with no mentee), in input order, with a true reason. */
function listUnmatched(prep: PreparedCohort, graph: CandidateGraph, matched: Uint8Array): Unmatched[] {
  const unmatched: Unmatched[] = []
  for (let i = 0; i < prep.n; i++) {
    if (matched[i]) continue
    // a feasible partner always appears among one's own k best, so a candidate edge exists iff one is feasible
    if (graph.hasFeasiblePartner[i]) {
      unmatched.push({ id: prep.ids[i], reason: 'not_selected', detail: notSelectedDetail(prep) })
    } else {
      unmatched.push({ id: prep.ids[i], reason: 'no_feasible_partner', detail: noPartnerDetail(prep, i) })
    }
  }
  return unmatched
}

function notSelectedDetail(prep: PreparedCohort): string {
  if (prep.type === 'circles') return 'feasible partners exist, but no valid circle could include them'
  return 'feasible partners exist, but the optimum matched them with others'
}

function noPartnerDetail(prep: PreparedCohort, i: number): string {
  if (prep.type === 'mentoring') {
    return prep.role[i] === ROLE_MENTOR
      ? 'no mentee in the cohort is feasible for this mentor'
      : 'no mentor in the cohort is feasible for this mentee'
  }
  return 'nobody in the cohort is feasible for this participant'
}
