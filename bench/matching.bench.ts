/**
 * Matching benchmark: for synthetic cohorts (the contract's model, seed 42, k = 50) it runs the
 * whole `match` CLI in a child process (wall time and peak RSS from /usr/bin/time), and on the same
 * candidate graph the reference JavaScript solver `edmonds-blossom-fixed` and a greedy baseline,
 * and prints the ratios.
 *
 * Environment: BENCH_SIZES (default 1000,2000,5000,10000), BENCH_TYPE (peer), BENCH_SEED (42),
 * BENCH_REFERENCE_MAX (largest cohort given to edmonds-blossom-fixed, default 5000 as issue #3 asks: it takes
 * ~10 s at 2,000 people, ~100 s at 5,000 and ~600 s at 10,000).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCandidateGraph, type CandidateGraph } from '../src/matching/candidate-graph.ts'
import { parseCohort } from '../src/matching/cohort.schema.ts'
import { formatCohort, generateCohort } from '../src/matching/generate-cohort.ts'
import { prepareCohort } from '../src/matching/prepared-cohort.ts'
import type { MatchingResult } from '../src/matching/result.schema.ts'

type EdmondsBlossom = (edges: number[][], maxCardinality?: boolean) => number[]
const edmondsBlossom = createRequire(import.meta.url)('edmonds-blossom-fixed') as EdmondsBlossom

const CLI = fileURLToPath(new URL('../src/matching/cli.ts', import.meta.url))

interface Row {
  people: number
  edges: number
  cliSeconds: number
  cliCpuSeconds: number
  cliPeakMb: number
  engineMs: number
  total: number
  paired: number
  reference?: { seconds: number; total: number }
  greedy: { total: number; leftOut: number }
}

export interface MatchingBenchOptions {
  sizes?: number[]
  type?: 'peer' | 'mentoring' | 'circles'
  seed?: number
  referenceMax?: number
  log?: (line: string) => void
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): MatchingBenchOptions {
  return {
    sizes: env.BENCH_SIZES ? env.BENCH_SIZES.split(',').map(Number) : undefined,
    type: (env.BENCH_TYPE as MatchingBenchOptions['type']) ?? undefined,
    seed: env.BENCH_SEED ? Number(env.BENCH_SEED) : undefined,
    referenceMax: env.BENCH_REFERENCE_MAX ? Number(env.BENCH_REFERENCE_MAX) : undefined,
  }
}

/** Runs the whole CLI in a child process: wall seconds and peak resident memory. */
function runCli(input: string, output: string): { seconds: number; cpuSeconds: number; peakMb: number } {
  const hasTime = existsSync('/usr/bin/time')
  const command = hasTime ? '/usr/bin/time' : process.execPath
  const args = hasTime
    ? ['-f', 'TIME %e %M %U %S', process.execPath, CLI, '--input', input, '--output', output]
    : [CLI, '--input', input, '--output', output]
  const started = performance.now()
  const run = spawnSync(command, args, { encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`match CLI failed: ${run.stderr}`)
  const measured = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr)
  return {
    seconds,
    cpuSeconds: measured ? Number(measured[3]) + Number(measured[4]) : Number.NaN,
    peakMb: measured ? Number(measured[2]) / 1024 : Number.NaN,
  }
}

function greedy(graph: CandidateGraph): { total: number; matched: Uint8Array } {
  const order = Array.from(graph.score.keys()).sort(
    (a, b) => graph.score[b] - graph.score[a] || graph.edgeU[a] - graph.edgeU[b] || graph.edgeV[a] - graph.edgeV[b],
  )
  const matched = new Uint8Array(graph.n)
  let total = 0
  for (const e of order) {
    const u = graph.edgeU[e]
    const v = graph.edgeV[e]
    if (graph.score[e] > 0 && !matched[u] && !matched[v]) {
      matched[u] = 1
      matched[v] = 1
      total += graph.score[e]
    }
  }
  return { total, matched }
}

function reference(graph: CandidateGraph): { seconds: number; total: number } {
  const edges: number[][] = []
  for (let e = 0; e < graph.edgeU.length; e++) edges.push([graph.edgeU[e], graph.edgeV[e], graph.score[e]])
  const started = performance.now()
  const mate = edmondsBlossom(edges, false)
  const seconds = (performance.now() - started) / 1000
  const weight = new Map<number, number>()
  for (let e = 0; e < graph.edgeU.length; e++) weight.set(graph.edgeU[e] * graph.n + graph.edgeV[e], graph.score[e])
  let total = 0
  for (let v = 0; v < mate.length; v++) if (mate[v] > v) total += weight.get(v * graph.n + mate[v]) ?? 0
  return { seconds, total }
}

const fmt = (x: number, digits = 2) => x.toFixed(digits)

/** Prints the matching benchmark table; returns the rows for callers that want them. */
export function runMatchingBench(options: MatchingBenchOptions = {}): Row[] {
  const sizes = options.sizes ?? [1000, 2000, 5000, 10000]
  const type = options.type ?? 'peer'
  const seed = options.seed ?? 42
  const referenceMax = options.referenceMax ?? 5000
  const log = options.log ?? ((line: string) => console.log(line))
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'))
  const rows: Row[] = []
  log(`matching benchmark: ${type} cohorts (gen_cohort model, seed ${seed}, k = 50), whole CLI run in a child process`)
  log(
    `machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} (wall times need an idle machine)`,
  )
  try {
    for (const people of sizes) {
      const doc = generateCohort({ n: people, seed, type })
      const input = join(dir, `cohort-${people}.json`)
      const output = join(dir, `result-${people}.json`)
      writeFileSync(input, formatCohort(doc))
      const cli = runCli(input, output)
      const result = JSON.parse(readFileSync(output, 'utf8')) as MatchingResult
      const graph = buildCandidateGraph(prepareCohort(parseCohort(doc)))
      const tandemMatched = new Uint8Array(people)
      const index = new Map(doc.participants.map((p, i) => [p.id, i]))
      for (const m of result.matches) for (const id of m.members) tandemMatched[index.get(id)!] = 1
      const g = greedy(graph)
      let leftOut = 0
      for (let i = 0; i < people; i++) if (tandemMatched[i] && !g.matched[i]) leftOut++
      const row: Row = {
        people,
        edges: graph.edgeU.length,
        cliSeconds: cli.seconds,
        cliCpuSeconds: cli.cpuSeconds,
        cliPeakMb: cli.peakMb,
        engineMs: result.solver.elapsedMs,
        total: result.totalScore,
        paired: result.stats.participantsMatched,
        greedy: { total: g.total, leftOut },
      }
      if (type !== 'circles' && people <= referenceMax) row.reference = reference(graph)
      rows.push(row)
      const ref = row.reference
      log(
        [
          `n=${people}`,
          `edges=${row.edges}`,
          `tandem CLI ${fmt(row.cliSeconds)} s wall, ${fmt(row.cliCpuSeconds)} s CPU (both threads; engine ${fmt(row.engineMs / 1000)} s wall), peak ${fmt(row.cliPeakMb, 0)} MB, total ${row.total}`,
          ref
            ? `edmonds-blossom-fixed ${fmt(ref.seconds)} s, total ${ref.total} -> tandem ${fmt(ref.seconds / row.cliSeconds, 1)}x faster (whole CLI vs solve only), totals ${ref.total === row.total ? 'equal' : `DIFFER (${fmt(row.total / ref.total, 6)})`}`
            : `edmonds-blossom-fixed skipped above ${referenceMax} (BENCH_REFERENCE_MAX)`,
          `greedy total ${fmt((100 * row.greedy.total) / row.total)}% of tandem, leaves ${row.greedy.leftOut} unpaired whom tandem pairs`,
        ].join(' | '),
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
