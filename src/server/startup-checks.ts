import { lookup } from 'node:dns/promises'
import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { isIP } from 'node:net'
import path from 'node:path'
import pg from 'pg'

/**
 * A start-up failure the operator caused and can fix: its message is one line that names the
 * setting and the fix. `main.ts` prints it alone (no stack) and exits 2, like a ConfigError.
 */
export class StartupError extends Error {}

/** How long the start-up database check waits for PostgreSQL to connect and answer, at most. */
export const DATABASE_CHECK_TIMEOUT_MS = 5_000
/** The least it waits, however late the check starts. */
export const DATABASE_CHECK_MIN_TIMEOUT_MS = 2_000
/** When the database check gives up at the latest, counted from the process's start. */
export const DATABASE_CHECK_DEADLINE_MS = 8_000

/**
 * The database check's wait, in whole seconds: 5 s, or less when the process was slow to get to
 * the check (a busy machine takes seconds to load Node and the modules), so that a silent database
 * still stops the start within 10 s of the process starting. Never under 2 s.
 */
export function databaseCheckTimeoutMs(sinceProcessStartMs: number): number {
  const left = Math.floor((DATABASE_CHECK_DEADLINE_MS - sinceProcessStartMs) / 1000) * 1000
  return Math.min(DATABASE_CHECK_TIMEOUT_MS, Math.max(DATABASE_CHECK_MIN_TIMEOUT_MS, left))
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Where DATABASE_URL points (never its password), for the messages. */
export interface DatabaseTarget {
  /** host:port */
  server: string
  database: string
  user: string
}

/** The one-line message for a failed connection to DATABASE_URL. */
export function describeDatabaseError(error: unknown, target: DatabaseTarget, timeoutMs: number): string {
  const { server, database, user } = target
  const code = codeOf(error)
  const detail = oneLine(error instanceof Error ? error.message : String(error))
  switch (code) {
    case 'ECONNREFUSED':
      return `DATABASE_URL: nothing accepts connections at ${server} (connection refused): start PostgreSQL there or correct the host and port in DATABASE_URL`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL: the host of ${server} is unknown (DNS lookup failed): correct the host name in DATABASE_URL`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `DATABASE_URL: ${server} cannot be reached (${code}): check the network and firewall, or correct the host in DATABASE_URL`
    case 'DNS_TIMEOUT':
      return `DATABASE_URL: the host of ${server} could not be looked up within ${timeoutMs / 1000} s (DNS did not answer): check this machine's DNS settings, or put the database's IP address in DATABASE_URL`
    case 'TIMEOUT':
      return `DATABASE_URL: ${server} did not answer as PostgreSQL within ${timeoutMs / 1000} s: check that DATABASE_URL points at PostgreSQL (not another service) and that the server is up and not overloaded`
    case '3D000':
      return `DATABASE_URL: the database "${database}" does not exist on ${server}: create it (createdb ${database}) or correct the database name in DATABASE_URL`
    case '28P01':
      return `DATABASE_URL: PostgreSQL at ${server} refused the password of user "${user}": correct the user name and password in DATABASE_URL`
    case '28000':
      return `DATABASE_URL: PostgreSQL at ${server} refused user "${user}" (${detail}): create the role or allow it in pg_hba.conf, or correct the user name in DATABASE_URL`
    default:
      return `DATABASE_URL: could not use PostgreSQL at ${server}/${database} (${code ? `${code}: ` : ''}${detail}): check the server and DATABASE_URL`
  }
}

/**
 * Connects once with a short-lived client (its own timeout, apart from the app's pool) and runs
 * `select 1`, so that an unreachable, silent or missing database, or a refused user, is told in
 * one line within seconds instead of as a stack (or a hang) from the migrations.
 */
export async function checkDatabase(databaseUrl: string, timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<void> {
  let client: pg.Client
  try {
    client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    })
  } catch (error) {
    throw new StartupError(
      `DATABASE_URL: not a valid URL (${oneLine(String(error instanceof Error ? error.message : error))}): use the form postgres://user:password@host:5432/database, with special characters percent-encoded`,
    )
  }
  // pg's own connection timeout does not cover every stall (a server that answers the TLS
  // request and then nothing, a query that never returns): one deadline over the whole check.
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })), timeoutMs + 500)
  })
  const target: DatabaseTarget = {
    server: `${client.host}:${client.port}`,
    database: client.database ?? '(default)',
    user: client.user ?? '(default)',
  }
  client.on('error', () => {}) // an error after the check (the server going away) is the pool's business
  let stage: 'lookup' | 'connect' = 'lookup'
  try {
    await Promise.race([
      (async () => {
        // Looked up first, so that a DNS server that does not answer is not taken for a silent database.
        if (isIP(client.host) === 0 && !client.host.startsWith('/')) await lookup(client.host)
        stage = 'connect'
        await client.connect()
        await client.query('select 1')
      })(),
      deadline,
    ])
  } catch (error) {
    const isTimeout = codeOf(error) === 'TIMEOUT' || /timeout|timed out/i.test(String((error as Error)?.message))
    const code = isTimeout ? (stage === 'lookup' ? 'DNS_TIMEOUT' : 'TIMEOUT') : undefined
    const mapped = code ? Object.assign(new Error('timed out'), { code }) : error
    throw new StartupError(describeDatabaseError(mapped, target, timeoutMs))
  } finally {
    clearTimeout(timer)
    client.end().catch(() => {})
  }
}

/**
 * mkdir -p one level at a time: Node's own `recursive: true` spins forever on some paths (under
 * /proc, where the parent exists but refuses the child).
 */
function makeDirectory(full: string): void {
  try {
    mkdirSync(full)
  } catch (error) {
    const code = codeOf(error)
    if (code === 'EEXIST') {
      if (!statSync(full).isDirectory()) throw error
      return
    }
    const parent = path.dirname(full)
    if (code !== 'ENOENT' || parent === full) throw error
    makeDirectory(parent)
    mkdirSync(full)
  }
}

/**
 * The embedded database needs DATA_DIR to be a directory it can write: created when missing, then
 * proven writable with a probe file (PGlite's own errors for this are cryptic and come late).
 */
export function checkDataDir(dataDir: string): void {
  if (dataDir.startsWith('memory://')) return
  const full = path.resolve(dataDir)
  const fix = 'set DATA_DIR to a writable directory (it is created when missing), or set DATABASE_URL to use PostgreSQL'
  try {
    makeDirectory(full)
  } catch (error) {
    const code = codeOf(error)
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new StartupError(`DATA_DIR: ${full} is a file (or inside one), not a directory: ${fix}`)
    }
    throw new StartupError(`DATA_DIR: ${full} cannot be created (${code ?? oneLine(String(error))}): ${fix}`)
  }
  if (!statSync(full).isDirectory()) {
    throw new StartupError(`DATA_DIR: ${full} is not a directory: ${fix}`)
  }
  const probe = path.join(full, `.tandem-write-check-${process.pid}`)
  try {
    writeFileSync(probe, '')
    unlinkSync(probe)
  } catch (error) {
    throw new StartupError(
      `DATA_DIR: ${full} is not writable (${codeOf(error) ?? oneLine(String(error))}): give the user running Tandem write access to it, or ${fix}`,
    )
  }
}

/** The settings a listener's address comes from: HOST and PORT, or METRICS_HOST and METRICS_PORT. */
export interface ListenSettings {
  host: string
  port: string
}

const MAIN_LISTENER: ListenSettings = { host: 'HOST', port: 'PORT' }

/** The one-line message for a failed listen on HOST:PORT (or the settings named). */
export function describeListenError(
  error: unknown,
  host: string,
  port: number,
  settings: ListenSettings = MAIN_LISTENER,
): string | undefined {
  const code = codeOf(error)
  const { host: HOST, port: PORT } = settings
  switch (code) {
    case 'EADDRINUSE':
      return `${PORT}: ${host}:${port} is already in use (by another Tandem or another program): stop it, or set ${PORT} to a free port`
    case 'EACCES':
      return `${PORT}: no permission to listen on ${host}:${port} (ports below 1024 need privileges): set ${PORT} to 1024 or above and put a proxy in front`
    case 'EADDRNOTAVAIL':
      return `${HOST}: ${host} is not an address of this machine: set ${HOST} to one of its addresses, or 0.0.0.0 for all`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${HOST}: the host name ${host} is unknown: set ${HOST} to an address of this machine, or 0.0.0.0 for all`
    default:
      return undefined
  }
}

export interface PortReservation {
  /** Frees the port, for the app to listen on it straight after. */
  release(): Promise<void>
}

/**
 * Holds HOST:PORT from the first moment of the start, so that a port in use stops the start
 * before the migrations run and any job worker starts. Until the app takes the port over, it
 * answers every request 503 `service_unavailable` with Retry-After (a load balancer's readiness
 * probe sees "not yet" rather than a refused connection). PORT 0 (any free port) needs no reservation.
 */
export async function reservePort(
  host: string,
  port: number,
  settings: ListenSettings = MAIN_LISTENER,
): Promise<PortReservation> {
  if (port === 0) return { release: async () => {} }
  const server: Server = createServer((_request, response) => {
    response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', connection: 'close' })
    response.end(JSON.stringify({ error: { code: 'service_unavailable', message: 'Tandem is starting', details: [] } }))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      const message = describeListenError(error, host, port, settings)
      reject(message ? new StartupError(message) : error)
    })
    server.listen({ host, port, exclusive: true }, resolve)
  })
  return {
    release: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
