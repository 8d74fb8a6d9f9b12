import { parentPort } from 'node:worker_threads'
import { createLevelScan, type ScanInput } from './candidate-graph.ts'

/**
 * Worker thread of buildCandidateGraphParallel (its entry is candidate-graph.worker.js): phase 1 of
 * the scan by levels over the rows it is given; sends back its buffers.
 */
parentPort!.on('message', ({ input, groupFrom, groupTo }: { input: ScanInput; groupFrom: number; groupTo: number }) => {
  const top = createLevelScan(input).phaseOne(groupFrom, groupTo)
  const buffers = [top.keys.buffer, top.size.buffer, top.threshold.buffer, top.thresholdKey.buffer] as ArrayBuffer[]
  parentPort!.postMessage(top, buffers)
})
