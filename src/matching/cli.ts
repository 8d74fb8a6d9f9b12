import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startScanWorkers } from './candidate-graph.ts'
import { MAX_COHORT_BYTES, oversize, parseCohortText } from './cohort.schema.ts'
import { CohortError } from './errors.ts'
import { runMatchingParallel } from './run-matching.ts'

const HELP = `Usage: npm run -s match -- [--input cohort.json] [--output result.json]

Matches a cohort (schema 1.0, see docs/decisions/002-matching-engine.md) and writes the result.
  --input, -i   cohort JSON file (default: standard input); at most ${MAX_COHORT_BYTES / 1024 / 1024} MB
  --output, -o  result JSON file (default: standard output)
  --help, -h    this text
Exit status: 0 done; 2 invalid input (one line on standard error naming the field, nothing written); 1 other failure.`

/** Reads a file descriptor to the end, refusing more than the cohort limit without reading it all. */
function readLimited(fd: number): string {
  const stat = fstatSync(fd)
  if (stat.isFile() && stat.size > MAX_COHORT_BYTES) throw oversize(stat.size)
  const chunks: Buffer[] = []
  let total = 0
  const chunk = Buffer.alloc(1 << 20)
  for (;;) {
    let read: number
    try {
      read = readSync(fd, chunk, 0, chunk.length, null)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue
      if ((error as NodeJS.ErrnoException).code === 'EOF') break
      throw error
    }
    if (read === 0) break
    total += read
    if (total > MAX_COHORT_BYTES) throw oversize(total)
    chunks.push(Buffer.from(chunk.subarray(0, read)))
  }
  return Buffer.concat(chunks).toString('utf8')
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
  // the scan worker loads its modules while this thread reads and validates the input
  const workers = startScanWorkers(1)
  try {
    let text: string
    if (args.input === undefined) text = readLimited(0)
    else {
      let fd: number
      try {
        fd = openSync(args.input, 'r')
      } catch (error) {
        throw new CohortError('--input', `cannot read ${args.input} (${(error as NodeJS.ErrnoException).code})`)
      }
      try {
        text = readLimited(fd)
      } finally {
        closeSync(fd)
      }
    }
    const result = await runMatchingParallel(parseCohortText(text), { workers })
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
    workers.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
