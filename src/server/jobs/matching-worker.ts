// Runs the matching engine off the main thread: one worker per run, so a 10,000-person cohort
// never blocks the API's event loop. Receives the cohort as workerData, posts progress and the result.
import { parentPort, workerData } from 'node:worker_threads'
import { parseCohort } from '#matching/cohort.schema.ts'
import { runMatching } from '#matching/run-matching.ts'
import type { WorkerMessage } from './matching-runner.ts'

const post = (message: WorkerMessage) => parentPort?.postMessage(message)

try {
  const cohort = parseCohort(workerData)
  post({ type: 'progress', progress: 30 })
  const result = runMatching(cohort)
  post({ type: 'result', result })
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
}
