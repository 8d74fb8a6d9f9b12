import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './tandem-process.ts'

const run = promisify(execFile)

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, its own port and socket
 * directory), which a fault test may stop and start as often as it likes: the machine's shared
 * server, which other test runs use at the same time, is never touched.
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on the loopback, or the password given). */
  readonly url: string
  /** `pg_ctl stop -m fast`: every connection is ended (57P01) and new ones are refused until start(). */
  stop(): Promise<void>
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>
  /** Stops it (immediately) and deletes its files. */
  destroy(): Promise<void>
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL's server programs are not installed. */
export function postgresBinDir(): string | null {
  const candidates: string[] = []
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim())
  } catch {
    // no pg_config: look where Debian puts each version
  }
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')))
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

export async function startPrivatePostgres(
  binDir: string,
  options: {
    /** The `postgres` user's password, asked for over TCP (SCRAM); without it, TCP connections are trusted. */
    password?: string
  } = {},
): Promise<PrivatePostgres> {
  const user = serverUser()
  const base = mkdtempSync(path.join(tmpdir(), 'tandem-private-pg-'))
  if (user) chownSync(base, user.uid, user.gid)
  const dataDir = path.join(base, 'data')
  const port = await freePort()
  // The server keeps the machine's real clock even when the tests run under libfaketime (CI).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
  )
  const as = (program: string, args: string[]) =>
    run(path.join(binDir, program), args, { env, cwd: base, ...user, timeout: 60_000 })
  const authentication = ['-A', 'trust']
  if (options.password !== undefined) {
    const passwordFile = path.join(base, 'password')
    writeFileSync(passwordFile, options.password)
    if (user) chownSync(passwordFile, user.uid, user.gid)
    authentication.push('--auth-host=scram-sha-256', `--pwfile=${passwordFile}`)
  }
  await as('initdb', ['-D', dataDir, '-U', 'postgres', ...authentication, '-E', 'UTF8', '--locale=C', '--no-sync'])
  const serverOptions = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`
  const start = async () => {
    await as('pg_ctl', [
      'start',
      '-D',
      dataDir,
      '-l',
      path.join(base, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      '-t',
      '60',
    ])
  }
  const stop = async (mode: 'fast' | 'immediate') => {
    await as('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60'])
  }
  await start()
  return {
    url: `postgres://postgres${options.password === undefined ? '' : `:${encodeURIComponent(options.password)}`}@127.0.0.1:${port}/postgres`,
    start,
    stop: () => stop('fast'),
    async destroy() {
      await stop('immediate').catch(() => {})
      rmSync(base, { recursive: true, force: true })
    },
  }
}
