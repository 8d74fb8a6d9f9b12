import { Worker } from 'node:worker_threads'
import type { CohortInput } from '#matching/cohort.schema.ts'
import type { MatchingResult } from '#matching/result.schema.ts'

/** Per-criterion sums over every pair a result forms, for the run's averages. */
export interface CriteriaTotals {
  pairs: number
  value: Record<string, number>
  points: Record<string, number>
}

export type WorkerMessage =
  | { type: 'progress'; progress: number }
  | { type: 'result'; result: MatchingResult; criteriaTotals: CriteriaTotals }
  | { type: 'error'; message: string }

export interface WorkerOutcome {
  result: MatchingResult
  criteriaTotals: CriteriaTotals
}

export interface RunInWorkerOptions {
  /** Called with 0..100 as the worker gets on. */
  onProgress?: (progress: number) => void
  /** The run fails after this long (default 10 minutes). */
  timeoutMs?: number
}

const workerUrl = new URL('./matching-worker.entry.js', import.meta.url)

/** Runs the matching engine on `cohort` in a worker thread; rejects with the engine's message on invalid input. */
export function runMatchingInWorker(cohort: CohortInput, options: RunInWorkerOptions = {}): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: cohort, resourceLimits: { maxOldGenerationSizeMb: 2048 } })
    let isSettled = false
    const settle = (outcome: () => void) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      outcome()
      void worker.terminate()
    }
    const timer = setTimeout(
      () => settle(() => reject(new Error('The matching engine took too long and was stopped'))),
      options.timeoutMs ?? 600_000,
    )
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress)
      else if (message.type === 'result')
        settle(() => resolve({ result: message.result, criteriaTotals: message.criteriaTotals }))
      else settle(() => reject(new Error(message.message)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`The matching worker stopped (exit code ${code})`))))
  })
}
