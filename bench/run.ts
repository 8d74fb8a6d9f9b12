/**
 * `npm run bench [part ...]`: every benchmark part prints its figures next to a reference measured
 * in the same run. Parts: matching (bench/matching.bench.ts), matching-run (bench/matching-run.bench.ts),
 * insights (bench/insights.bench.ts), load (bench/load.bench.ts: needs a PostgreSQL server, 100
 * connections for 60 s by default), api (bench/api.bench.ts: needs a PostgreSQL server, 50 connections
 * for 20 s on each read path), scale (bench/scale.bench.ts: 100,000 people on PostgreSQL), web
 * (bench/web.bench.ts: Lighthouse mobile and desktop on five pages), startup (bench/startup.bench.ts:
 * start-up time and idle memory). Default: every part but load, api, scale and web, which run only
 * when named.
 */

import { apiOptionsFromEnv, runApiBench } from './api.bench.ts'
import { runInsightsBench } from './insights.bench.ts'
import { loadOptionsFromEnv, runLoadBench } from './load.bench.ts'
import { optionsFromEnv, runMatchingBench } from './matching.bench.ts'
import { runMatchingRunBench } from './matching-run.bench.ts'
import { runScaleBench } from './scale.bench.ts'
import { runStartupBench } from './startup.bench.ts'
import { runWebBench } from './web.bench.ts'

const PARTS: Record<string, () => unknown | Promise<unknown>> = {
  matching: () => runMatchingBench(optionsFromEnv()),
  'matching-run': () => runMatchingRunBench(),
  insights: () => runInsightsBench(),
  load: () => runLoadBench(loadOptionsFromEnv()),
  web: () => runWebBench(),
  startup: () => runStartupBench(),
  scale: () => runScaleBench(),
  api: () => runApiBench(apiOptionsFromEnv()),
}

const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(name in PARTS))
if (unknown.length > 0) {
  console.error(`unknown benchmark part: ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`)
  process.exitCode = 2
} else {
  const parts =
    requested.length > 0
      ? requested
      : Object.keys(PARTS).filter((name) => !['load', 'api', 'scale', 'web'].includes(name))
  for (const name of parts) await PARTS[name]()
}
