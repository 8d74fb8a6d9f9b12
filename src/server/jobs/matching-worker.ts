// Runs the matching engine off the main thread: one worker per run, so a 10,000-person cohort
// never blocks the API's event loop. Receives the cohort as workerData, posts progress and the result.
import { parentPort, workerData } from 'node:worker_threads'
import type { Cohort } from '#matching/cohort.schema.ts'
import { parseCohortFast } from '#matching/cohort-rules.ts'
import { prepareCohort } from '#matching/prepared-cohort.ts'
import type { MatchingResult } from '#matching/result.schema.ts'
import { runMatching } from '#matching/run-matching.ts'
import { CRITERIA, explainPair } from '#matching/scoring.ts'
import type { CriteriaTotals, WorkerMessage } from './matching-runner.ts'

const post = (message: WorkerMessage) => parentPort?.postMessage(message)

/** Sums of each criterion over every pair the result forms (circles: every pair inside a circle). */
function totalCriteria(result: MatchingResult, cohort: Cohort): CriteriaTotals {
  const totals: CriteriaTotals = { pairs: 0, value: {}, points: {} }
  for (const name of CRITERIA) {
    totals.value[name] = 0
    totals.points[name] = 0
  }
  const add = (criteria: Record<string, { value: number; points: number }>) => {
    totals.pairs++
    for (const name of CRITERIA) {
      totals.value[name] += criteria[name].value
      totals.points[name] += criteria[name].points
    }
  }
  if (result.programType !== 'circles') {
    for (const match of result.matches) if (match.criteria) add(match.criteria)
    return totals
  }
  const prep = prepareCohort(cohort)
  for (const match of result.matches) {
    const members = match.members.map((id) => prep.indexOf.get(id) ?? -1)
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) add(explainPair(prep, members[x], members[y]).criteria)
    }
  }
  return totals
}

try {
  // a cohort built from the database takes the fast path: the worker never loads Zod (slow to load)
  // unless the fast path cannot vouch for the document
  const cohort = parseCohortFast(workerData) ?? (await import('#matching/cohort.schema.ts')).parseCohort(workerData)
  post({ type: 'progress', progress: 30 })
  const result = runMatching(cohort)
  post({ type: 'progress', progress: 75 })
  post({ type: 'result', result, criteriaTotals: totalCriteria(result, cohort) })
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
}
