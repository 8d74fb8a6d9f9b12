import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { PARALLEL_MIN_PEOPLE, type ScanWorkers, startScanWorkers } from './candidate-graph.ts'
import type { Cohort } from './cohort.schema.ts'
import { MAX_COHORT_BYTES, oversize, parseCohortFast, parseJsonText } from './cohort-rules.ts'
import { CohortError } from './errors.ts'
import { runMatchingParallel } from './run-matching.ts'

const HELP = `Usage: npm run -s match -- [--input cohort.json] [--output result.json]

Matches a cohort (schema 1.0, see docs/decisions/002-matching-engine.md) and writes the result.
  --input, -i   cohort JSON file (default: standard input); at most ${MAX_COHORT_BYTES / 1024 / 1024} MB
  --output, -o  result JSON file (default: standard output)
  --help, -h    this text
Exit status: 0 done; 2 invalid input (one line on standard error naming the field, nothing written); 1 other failure.`

/** About the JSON size of a participant in a cohort (gen_cohort's are 450 bytes). */
const BYTES_PER_PERSON = 450

/**
 * Reads a file to the end, refusing more than the cohort limit without reading it. A cohort big
 * enough to share its scan starts the scan worker first, so that it loads its modules meanwhile.
 */
function readFileLimited(path: string, onBig: () => void): string {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw new CohortError('--input', `cannot read ${path} (${(error as NodeJS.ErrnoException).code})`)
  }
  try {
    const size = fstatSync(fd).size
    if (size > MAX_COHORT_BYTES) throw oversize(size)
    if (size >= PARALLEL_MIN_PEOPLE * BYTES_PER_PERSON) onBig()
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

/** Reads standard input, stopping as soon as it passes the cohort limit. */
async function readStdinLimited(): Promise<string> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length
    if (total > MAX_COHORT_BYTES) throw oversize(total)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The cohort in `text`; Zod (slow to load) only when the fast path cannot vouch for the document. */
async function parseCohortText(text: string): Promise<Cohort> {
  const json = parseJsonText(text)
  return parseCohortFast(json) ?? (await import('./cohort.schema.ts')).parseCohort(json)
}

async function main(argv: string[]): Promise<number> {
  let args: { input?: string; output?: string; help?: boolean }
  try {
    args = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message.split('\n')[0]} (see --help)\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`)
    return 0
  }
  let workers: ScanWorkers | undefined
  try {
    const text =
      args.input === undefined
        ? await readStdinLimited()
        : readFileLimited(args.input, () => {
            workers = startScanWorkers(1)
          })
    // a worker only for big inputs (below, its start-up costs more than it saves)
    const result = await runMatchingParallel(await parseCohortText(text), { workers, threads: 2 })
    const json = `${JSON.stringify(result, null, 1)}\n`
    if (args.output === undefined) process.stdout.write(json)
    else writeFileSync(args.output, json)
    return 0
  } catch (error) {
    if (error instanceof CohortError) {
      process.stderr.write(`invalid cohort: ${error.message}\n`)
      return 2
    }
    process.stderr.write(`error: ${(error as Error).message ?? String(error)}\n`)
    return 1
  } finally {
    workers?.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
