/** The matching engine's public API (pure: no I/O). The server runs it from a worker thread. */
export {
  buildCandidateGraph,
  buildCandidateGraphParallel,
  type CandidateGraph,
  startScanWorkers,
} from './candidate-graph.ts'
export {
  type Cohort,
  type CohortInput,
  CohortSchema,
  MAX_COHORT_BYTES,
  type Objective,
  type Participant,
  type ProgramType,
  parseCohort,
  parseCohortText,
} from './cohort.schema.ts'
export { CohortError } from './errors.ts'
export { formatCohort, type GenerateOptions, generateCohort } from './generate-cohort.ts'
export type { MatchingSolver } from './pairing.ts'
export {
  type Match,
  type MatchingResult,
  MatchingResultSchema,
  type Unmatched,
  type UnmatchedReason,
} from './result.schema.ts'
export { ENGINE_NAME, ENGINE_VERSION, type RunOptions, runMatching, runMatchingParallel } from './run-matching.ts'
export { explainPair, type InfeasibleReason, infeasibility } from './scoring.ts'
