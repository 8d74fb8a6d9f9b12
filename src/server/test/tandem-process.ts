import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../../..')

/** A port nothing listens on (just now). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface TandemProcess {
  child: ChildProcess
  /** The exit code (null when killed by a signal), once the process ended and its output was read. */
  exited: Promise<number | null>
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string
}

/** Runs the real server (`node src/server/main.ts`) with these settings over the test's environment. */
export function startTandem(env: Record<string, string>, options: { uid?: number; gid?: number } = {}): TandemProcess {
  let output = ''
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  })
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  // 'close', not 'exit': a process can exit before its last output has been read from the pipes,
  // and a test that reads output() once it exited must see all of it.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

/** Waits until /readyz answers 200, or throws when the process exits or 30 s pass. */
export async function waitForReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('Tandem did not become ready')
}
