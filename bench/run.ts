/**
 * `npm run bench [part ...]`: every benchmark part prints its figures next to a reference measured
 * in the same run. Parts: matching (bench/matching.bench.ts), matching-run (bench/matching-run.bench.ts),
 * insights (bench/insights.bench.ts), load (bench/load.bench.ts: needs a PostgreSQL server, 100
 * connections for 60 s by default), api (bench/api.bench.ts: needs a PostgreSQL server, 50 connections
 * for 20 s on each read path). Default: every part but load and api, which run only when named.
 */

import { apiOptionsFromEnv, runApiBench } from './api.bench.ts'
import { runInsightsBench } from './insights.bench.ts'
import { loadOptionsFromEnv, runLoadBench } from './load.bench.ts'
import { optionsFromEnv, runMatchingBench } from './matching.bench.ts'
import { runMatchingRunBench } from './matching-run.bench.ts'

const PARTS: Record<string, () => unknown | Promise<unknown>> = {
  matching: () => runMatchingBench(optionsFromEnv()),
  'matching-run': () => runMatchingRunBench(),
  insights: () => runInsightsBench(),
  load: () => runLoadBench(loadOptionsFromEnv()),
  api: () => runApiBench(apiOptionsFromEnv()),
}

const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(name in PARTS))
if (unknown.length > 0) {
  console.error(`unknown benchmark part: ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`)
  process.exitCode = 2
} else {
  const parts =
    requested.length > 0 ? requested : Object.keys(PARTS).filter((name) => name !== 'load' && name !== 'api')
  for (const name of parts) await PARTS[name]()
}
