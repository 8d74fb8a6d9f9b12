/**
 * Matching benchmark: for synthetic cohorts (the contract's model, seed 42, k = 50) of each program
 * type it runs the whole `match` CLI in a child process (wall time, CPU time and peak RSS from
 * /usr/bin/time), and on the same candidate graph the reference JavaScript solver
 * `edmonds-blossom-fixed` (mentoring: on the graph with each mentor replicated `capacity` times;
 * circles: the pairing that circles start from) and a greedy baseline, and prints the ratios, with
 * the load average before each row (wall times need an idle machine; CPU times suffer less).
 *
 * Environment: BENCH_SIZES (default 1000,2000,5000,10000), BENCH_TYPE (peer,mentoring,circles),
 * BENCH_SEED (42), BENCH_REFERENCE_MAX (largest cohort given to edmonds-blossom-fixed, default 2000:
 * it takes ~10 s at 2,000 people, ~100 s at 5,000 and ~600 s at 10,000).
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
import { type PreparedCohort, prepareCohort } from '../src/matching/prepared-cohort.ts'
import type { MatchingResult } from '../src/matching/result.schema.ts'

type EdmondsBlossom = (edges: number[][], maxCardinality?: boolean) => number[]
const edmondsBlossom = createRequire(import.meta.url)('edmonds-blossom-fixed') as EdmondsBlossom

const CLI = fileURLToPath(new URL('../src/matching/cli.js', import.meta.url))

type ProgramType = 'peer' | 'mentoring' | 'circles'

interface Row {
  type: ProgramType
  people: number
  edges: number
  load: number
  cliSeconds: number
  cliCpuSeconds: number
  cliPeakMb: number
  engineMs: number
  total: number
  matched: number
  reference?: { seconds: number; total: number; matched: number }
  greedy: { total: number; matched: number; leftOut: number }
}

export interface MatchingBenchOptions {
  sizes?: number[]
  types?: ProgramType[]
  seed?: number
  referenceMax?: number
  log?: (line: string) => void
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): MatchingBenchOptions {
  return {
    sizes: env.BENCH_SIZES ? env.BENCH_SIZES.split(',').map(Number) : undefined,
    types: env.BENCH_TYPE ? (env.BENCH_TYPE.split(',') as ProgramType[]) : undefined,
    seed: env.BENCH_SEED ? Number(env.BENCH_SEED) : undefined,
    referenceMax: env.BENCH_REFERENCE_MAX ? Number(env.BENCH_REFERENCE_MAX) : undefined,
  }
}

/** Runs the whole CLI in a child process: wall seconds, CPU seconds and peak resident memory. */
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

/**
 * Greedy baseline: edges by score, best first, taken while both ends have room (mentors: their
 * capacity; everyone else: one partner). Circles: the same greedy pairing.
 */
function greedy(graph: CandidateGraph, capacity: Int32Array | null): { total: number; room: Int32Array } {
  const order = Array.from(graph.score.keys()).sort(
    (a, b) => graph.score[b] - graph.score[a] || graph.edgeU[a] - graph.edgeU[b] || graph.edgeV[a] - graph.edgeV[b],
  )
  const room = capacity ? Int32Array.from(capacity) : new Int32Array(graph.n).fill(1)
  let total = 0
  for (const e of order) {
    const u = graph.edgeU[e]
    const v = graph.edgeV[e]
    if (graph.score[e] > 0 && room[u] > 0 && room[v] > 0) {
      room[u]--
      room[v]--
      total += graph.score[e]
    }
  }
  return { total, room }
}

/** The reference solver on the candidate graph (mentoring: each mentor replicated capacity times). */
function reference(
  graph: CandidateGraph,
  prep: PreparedCohort,
  maxCardinality: boolean,
): { seconds: number; total: number; matched: Uint8Array } {
  const edges: number[][] = []
  const owner: number[] = Array.from({ length: graph.n }, (_, i) => i)
  if (prep.type === 'mentoring') {
    const firstCopy = new Int32Array(graph.n).fill(-1)
    for (let e = 0; e < graph.edgeU.length; e++) {
      const mentor = graph.edgeU[e]
      if (firstCopy[mentor] < 0) {
        firstCopy[mentor] = owner.length
        for (let r = 0; r < prep.capacity[mentor]; r++) owner.push(mentor)
      }
      for (let r = 0; r < prep.capacity[mentor]; r++)
        edges.push([firstCopy[mentor] + r, graph.edgeV[e], graph.score[e]])
    }
  } else {
    for (let e = 0; e < graph.edgeU.length; e++) edges.push([graph.edgeU[e], graph.edgeV[e], graph.score[e]])
  }
  const weight = new Map<number, number>()
  for (const [u, v, w] of edges) weight.set(u * owner.length + v, w)
  const started = performance.now()
  const mate = edmondsBlossom(edges, maxCardinality)
  const seconds = (performance.now() - started) / 1000
  let total = 0
  const matched = new Uint8Array(graph.n)
  for (let v = 0; v < mate.length; v++) {
    if (mate[v] < 0) continue
    matched[owner[v]] = 1
    if (mate[v] > v) total += weight.get(v * owner.length + mate[v]) ?? weight.get(mate[v] * owner.length + v) ?? 0
  }
  return { seconds, total, matched }
}

const fmt = (x: number, digits = 2) => x.toFixed(digits)
const count = (flags: Uint8Array) => flags.reduce((sum, x) => sum + x, 0)

/** Prints the matching benchmark table; returns the rows for callers that want them. */
export function runMatchingBench(options: MatchingBenchOptions = {}): Row[] {
  const sizes = options.sizes ?? [1000, 2000, 5000, 10000]
  const types = options.types ?? ['peer', 'mentoring', 'circles']
  const seed = options.seed ?? 42
  const referenceMax = options.referenceMax ?? 2000
  const log = options.log ?? ((line: string) => console.log(line))
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'))
  const rows: Row[] = []
  log(`matching benchmark: gen_cohort model, seed ${seed}, k = 50; whole CLI run in a child process`)
  log(`machine: ${availableParallelism()} cores, load average ${fmt(loadavg()[0])} (wall times need an idle machine)`)
  try {
    // a first run writes the CLI's compile cache, as any installation's first run does
    const warmInput = join(dir, 'warm.json')
    writeFileSync(warmInput, formatCohort(generateCohort({ n: 50, seed, type: 'peer' })))
    runCli(warmInput, join(dir, 'warm-result.json'))
    for (const type of types) {
      for (const people of sizes) {
        const row = measure(type, people, seed, referenceMax, dir)
        rows.push(row)
        log(formatRow(row, referenceMax))
      }
    }
    for (const people of sizes) {
      const peer = rows.find((r) => r.type === 'peer' && r.people === people)
      const mentoring = rows.find((r) => r.type === 'mentoring' && r.people === people)
      if (peer && mentoring) {
        log(
          `n=${people}: mentoring / peer whole CLI ${fmt(mentoring.cliSeconds / peer.cliSeconds)}x wall, ${fmt(mentoring.cliCpuSeconds / peer.cliCpuSeconds)}x CPU`,
        )
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

function measure(type: ProgramType, people: number, seed: number, referenceMax: number, dir: string): Row {
  const doc = generateCohort({ n: people, seed, type })
  const input = join(dir, `${type}-${people}.json`)
  const output = join(dir, `${type}-${people}-result.json`)
  writeFileSync(input, formatCohort(doc))
  const load = loadavg()[0]
  const cli = runCli(input, output)
  const result = JSON.parse(readFileSync(output, 'utf8')) as MatchingResult
  const prep = prepareCohort(parseCohort(doc))
  const graph = buildCandidateGraph(prep)
  const tandemMatched = new Uint8Array(people)
  for (const m of result.matches) for (const id of m.members) tandemMatched[prep.indexOf.get(id)!] = 1
  const g = greedy(graph, type === 'mentoring' ? prep.capacity : null)
  const greedyMatched = new Uint8Array(people)
  const startingRoom = type === 'mentoring' ? prep.capacity : null
  for (let i = 0; i < people; i++) if (g.room[i] < (startingRoom ? startingRoom[i] : 1)) greedyMatched[i] = 1
  let leftOut = 0
  for (let i = 0; i < people; i++) if (tandemMatched[i] && !greedyMatched[i]) leftOut++
  const row: Row = {
    type,
    people,
    edges: graph.edgeU.length,
    load,
    cliSeconds: cli.seconds,
    cliCpuSeconds: cli.cpuSeconds,
    cliPeakMb: cli.peakMb,
    engineMs: result.solver.elapsedMs,
    total: result.totalScore,
    matched: result.stats.participantsMatched,
    greedy: { total: g.total, matched: count(greedyMatched), leftOut },
  }
  if (people <= referenceMax) {
    const ref = reference(graph, prep, type === 'circles')
    row.reference = { seconds: ref.seconds, total: ref.total, matched: count(ref.matched) }
  }
  return row
}

function formatRow(row: Row, referenceMax: number): string {
  const ref = row.reference
  const cells = [
    `${row.type} n=${row.people}`,
    `load ${fmt(row.load)}`,
    `edges=${row.edges}`,
    `tandem CLI ${fmt(row.cliSeconds)} s wall, ${fmt(row.cliCpuSeconds)} s CPU (engine ${fmt(row.engineMs / 1000)} s), peak ${fmt(row.cliPeakMb, 0)} MB, total ${row.total}, ${row.matched} matched`,
  ]
  if (!ref) cells.push(`edmonds-blossom-fixed skipped above ${referenceMax} (BENCH_REFERENCE_MAX)`)
  else if (row.type === 'circles') {
    cells.push(
      `edmonds-blossom-fixed pairing alone ${fmt(ref.seconds)} s -> tandem's whole circles CLI ${fmt(ref.seconds / row.cliSeconds, 1)}x faster; it pairs ${ref.matched}, tandem's circles hold ${row.matched}`,
    )
  } else {
    cells.push(
      `edmonds-blossom-fixed ${fmt(ref.seconds)} s, total ${ref.total} -> tandem ${fmt(ref.seconds / row.cliSeconds, 1)}x faster (whole CLI vs solve only), totals ${ref.total === row.total ? 'equal' : `DIFFER (${fmt(row.total / ref.total, 6)})`}`,
    )
  }
  cells.push(
    row.type === 'circles'
      ? `greedy pairing covers ${row.greedy.matched} (${fmt((100 * row.greedy.matched) / row.matched)}% of tandem's circles)`
      : `greedy total ${fmt((100 * row.greedy.total) / row.total)}% of tandem, leaves ${row.greedy.leftOut} unmatched whom tandem matches`,
  )
  return cells.join(' | ')
}
