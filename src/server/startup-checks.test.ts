import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { postgresBinDir, startPrivatePostgres } from '#server/test/private-postgres.ts'
import { freePort, startTandem } from '#server/test/tandem-process.ts'
import {
  checkDatabase,
  databaseCheckTimeoutMs,
  describeDatabaseError,
  reservePort,
  StartupError,
} from './startup-checks.ts'

// Each case runs the real server (`node src/server/main.ts`) with one bad setting, all at once:
// the slowest, the silent database, waits out the 5 s connection check.
const serverUrl = process.env.TEST_DATABASE_URL
const onPostgres = Boolean(serverUrl)
const isRoot = process.getuid?.() === 0
const NOBODY = 65534

const scratch = mkdtempSync(path.join(tmpdir(), 'tandem-startup-test-'))
chmodSync(scratch, 0o755) // the not-writable case runs as another user, who must see inside
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A TCP server that accepts connections and never says a word (a database that hangs). */
let silent: Server
const silentSockets = new Set<Socket>()
/** Something already listening on the port Tandem is told to use. */
let occupant: Server
beforeAll(async () => {
  silent = createServer((socket) => {
    silentSockets.add(socket)
    socket.on('close', () => silentSockets.delete(socket))
  })
  occupant = createServer((socket) => socket.destroy())
  await Promise.all([listen(silent), listen(occupant)])
})
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy()
  await Promise.all([close(silent), close(occupant)])
})

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
}
function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}
function portOf(server: Server): number {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

/** Starts Tandem, waits for it to exit, and checks the promise: exit 2, one line, within 10 s. */
async function expectOneLineExit(env: Record<string, string>, options: { uid?: number; gid?: number } = {}) {
  const startedAt = performance.now()
  const run = startTandem({ PORT: String(await freePort()), ...env }, options)
  const code = await run.exited
  const elapsedMs = performance.now() - startedAt
  const lines = run
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '')
  expect({ code, lines }).toEqual({ code: 2, lines: [expect.any(String)] })
  expect(elapsedMs).toBeLessThan(10_000)
  return lines[0]
}

function databaseUrlOn(name: string, user?: string): string {
  const url = new URL(serverUrl ?? 'postgres://localhost/test')
  url.pathname = `/${name}`
  if (user) url.username = user
  return url.toString()
}

describe('a bad setting stops the start in one line naming it, exit 2 within 10 s', () => {
  test.concurrent('a database that refuses connections', async () => {
    const line = await expectOneLineExit({ DATABASE_URL: `postgres://tandem@127.0.0.1:${await freePort()}/tandem` })
    expect(line).toMatch(/^DATABASE_URL: nothing accepts connections at 127\.0\.0\.1:\d+ \(connection refused\): start/)
  })

  test.concurrent('a database host that does not exist', async () => {
    const line = await expectOneLineExit({ DATABASE_URL: 'postgres://tandem@tandem-db.invalid:5432/tandem' })
    // A machine whose DNS server does not answer says so instead (within the same 5 s).
    expect(line).toMatch(/^DATABASE_URL: the host of tandem-db\.invalid:5432 (is unknown|could not be looked up)/)
  })

  test.concurrent('a database that accepts the connection and never answers', async () => {
    const line = await expectOneLineExit({ DATABASE_URL: `postgres://tandem@127.0.0.1:${portOf(silent)}/tandem` })
    // 5 s, or less when the process was slow to get to the check (a busy machine).
    expect(line).toMatch(/^DATABASE_URL: 127\.0\.0\.1:\d+ did not answer as PostgreSQL within [2-5] s: check/)
  })

  test.concurrent('a malformed SMTP_URL (parsed at start, not when the first email goes out)', async () => {
    const line = await expectOneLineExit({ SMTP_URL: 'smtp://[bad', DATA_DIR: path.join(scratch, 'smtp') })
    expect(line).toMatch(/^Invalid configuration: SMTP_URL: must be a URL such as smtp:\/\//)
  })

  test.concurrent('a DATA_DIR that is a file', async () => {
    const file = path.join(scratch, 'a-file')
    writeFileSync(file, 'not a directory')
    const line = await expectOneLineExit({ DATA_DIR: file })
    expect(line).toBe(
      `DATA_DIR: ${file} is a file (or inside one), not a directory: set DATA_DIR to a writable directory (it is created when missing), or set DATABASE_URL to use PostgreSQL`,
    )
  })

  // Root writes anywhere, so as root the server runs as nobody; as anyone else the mode is enough.
  test.concurrent('a DATA_DIR that is not writable', async () => {
    const readOnly = path.join(scratch, 'read-only')
    mkdirSync(readOnly, { mode: 0o555 })
    chmodSync(readOnly, 0o555)
    const line = await expectOneLineExit({ DATA_DIR: readOnly }, isRoot ? { uid: NOBODY, gid: NOBODY } : {})
    expect(line).toMatch(new RegExp(`^DATA_DIR: ${readOnly} is not writable \\(EACCES\\): give the user`))
  })

  test.concurrent('a PORT in use: nothing else happens (the embedded database is not even created)', async () => {
    const dataDir = path.join(scratch, 'never-created')
    const port = portOf(occupant)
    const line = await expectOneLineExit({ PORT: String(port), DATA_DIR: dataDir })
    expect(line).toBe(
      `PORT: 127.0.0.1:${port} is already in use (by another Tandem or another program): stop it, or set PORT to a free port`,
    )
    expect(() => mkdirSync(dataDir)).not.toThrow() // it did not exist
  })
})

describe.skipIf(!onPostgres)('on PostgreSQL (TEST_DATABASE_URL)', () => {
  test.concurrent('a database that does not exist', async () => {
    const name = `tandem_missing_${randomBytes(4).toString('hex')}`
    const line = await expectOneLineExit({ DATABASE_URL: databaseUrlOn(name) })
    expect(line).toMatch(new RegExp(`^DATABASE_URL: the database "${name}" does not exist on .+: create it`))
  })

  test.concurrent('a user the server does not know (28000)', async () => {
    const line = await expectOneLineExit({ DATABASE_URL: databaseUrlOn('test', 'tandem_no_such_role') })
    expect(line).toMatch(
      /^DATABASE_URL: PostgreSQL at .+ refused user "tandem_no_such_role" \(role "tandem_no_such_role" does not exist\): create the role/,
    )
  })

  // The shared test server trusts every local connection; a server of the test's own asks for a password.
  const binDir = postgresBinDir()
  test.skipIf(!binDir).concurrent('a wrong password (28P01), on a server that asks for one', async () => {
    const server = await startPrivatePostgres(binDir ?? '', { password: 'the-right-one' })
    try {
      const url = new URL(server.url)
      // The right password gets in, so the refusal below is the password's alone.
      const right = new pg.Client({ connectionString: url.toString() })
      await right.connect()
      await right.end()
      url.password = 'a-wrong-one'
      const line = await expectOneLineExit({ DATABASE_URL: url.toString() })
      expect(line).toMatch(
        /^DATABASE_URL: PostgreSQL at 127\.0\.0\.1:\d+ refused the password of user "postgres": correct the user name and password in DATABASE_URL$/,
      )
      expect(line).not.toContain('a-wrong-one')
    } finally {
      await server.destroy()
    }
  })

  test.concurrent('a PORT in use on a fresh database: nothing is migrated, no job queue is installed', async () => {
    const name = `tandem_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    try {
      const line = await expectOneLineExit({ PORT: String(portOf(occupant)), DATABASE_URL: databaseUrlOn(name) })
      expect(line).toMatch(/^PORT: 127\.0\.0\.1:\d+ is already in use/)
      const fresh = new pg.Client({ connectionString: databaseUrlOn(name) })
      await fresh.connect()
      const { rows } = await fresh.query(
        `select (select count(*) from pg_namespace where nspname = 'pgboss')::int as job_schemas,
                (select count(*) from pg_tables where schemaname = 'public')::int as tables`,
      )
      await fresh.end()
      expect(rows[0]).toEqual({ job_schemas: 0, tables: 0 })
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})

test('the database check waits 5 s, less when the process was slow to get to it (ending 8 s after its start), never under 2 s', () => {
  expect([0, 900, 2_999, 3_000, 3_001, 4_500, 5_999, 6_000, 6_500, 9_000].map(databaseCheckTimeoutMs)).toEqual([
    5_000, 5_000, 5_000, 5_000, 4_000, 3_000, 2_000, 2_000, 2_000, 2_000,
  ])
})

describe('messages', () => {
  const target = { server: 'db.example.com:5432', database: 'tandem', user: 'tandem' }

  test('a wrong password (28P01) names the user and the fix (also on a server that asks for one, above)', () => {
    const error = Object.assign(new Error('password authentication failed for user "tandem"'), { code: '28P01' })
    expect(describeDatabaseError(error, target, 5000)).toBe(
      'DATABASE_URL: PostgreSQL at db.example.com:5432 refused the password of user "tandem": correct the user name and password in DATABASE_URL',
    )
  })

  test('an unparseable DATABASE_URL is a StartupError naming the form, without echoing the value', async () => {
    const failure = await checkDatabase('postgres://tandem:s3cret@[bad/tandem').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(StartupError)
    expect((failure as Error).message).toMatch(/^DATABASE_URL: not a valid URL .*postgres:\/\/user:password@host/)
    expect((failure as Error).message).not.toContain('s3cret')
  })
})

test('the reserved port answers 503 service_unavailable with Retry-After until released, then is free', async () => {
  const port = await freePort()
  const reservation = await reservePort('127.0.0.1', port)
  const response = await fetch(`http://127.0.0.1:${port}/readyz`)
  expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({
    status: 503,
    retryAfter: '5',
  })
  expect((await response.json()).error.code).toBe('service_unavailable')
  await reservation.release()
  const successor = createServer()
  await new Promise<void>((resolve, reject) => {
    successor.once('error', reject)
    successor.listen(port, '127.0.0.1', resolve)
  })
  await close(successor)
})

test('a metrics port in use names METRICS_PORT, not PORT', async () => {
  const port = await freePort()
  const taken = await reservePort('127.0.0.1', port)
  try {
    await expect(reservePort('127.0.0.1', port, { host: 'METRICS_HOST', port: 'METRICS_PORT' })).rejects.toThrow(
      `METRICS_PORT: 127.0.0.1:${port} is already in use (by another Tandem or another program): stop it, or set METRICS_PORT to a free port`,
    )
  } finally {
    await taken.release()
  }
})
