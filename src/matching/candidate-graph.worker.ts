import { parentPort } from 'node:worker_threads'
import { type ScanInput, scanTopK } from './candidate-graph.ts'

/** Worker thread of buildCandidateGraphParallel: scans the rows it is given and sends back its k best per participant. */
parentPort!.on('message', ({ input, groupFrom, groupTo }: { input: ScanInput; groupFrom: number; groupTo: number }) => {
  const top = scanTopK(input, groupFrom, groupTo)
  const buffers = [top.keys.buffer, top.size.buffer, top.threshold.buffer, top.thresholdKey.buffer] as ArrayBuffer[]
  parentPort!.postMessage(top, buffers)
})
