import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net'

/**
 * A TCP proxy in front of a server (PostgreSQL in the fault tests) that a test can cut and restore,
 * to give the app a database outage without touching the shared server.
 */
export interface TcpProxy {
  /** The port the app connects to (on 127.0.0.1). */
  readonly port: number
  /** Every open connection is reset and new ones are reset as soon as they arrive (a database that is down). */
  cut(): void
  /** New connections are accepted but nothing is forwarded either way (a database that never answers). */
  silence(): void
  /** Forward again. */
  restore(): void
  close(): Promise<void>
}

type Mode = 'forward' | 'cut' | 'silent'

export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = 'forward'
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // A reset socket emits ECONNRESET on its peer side; the proxy itself has nothing to do with it.
    socket.on('error', () => {})
  }
  const server: Server = createServer((client) => {
    track(client)
    if (mode === 'cut') {
      client.resetAndDestroy()
      return
    }
    if (mode === 'silent') return
    const upstream = tcpConnect(target.port, target.host)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('The proxy did not get a port')
  const resetAll = () => {
    for (const socket of sockets) socket.resetAndDestroy()
    sockets.clear()
  }
  return {
    port: address.port,
    cut() {
      mode = 'cut'
      resetAll()
    },
    silence() {
      mode = 'silent'
    },
    restore() {
      // Connections accepted while silent never got an upstream: end them so their clients notice.
      if (mode === 'silent') resetAll()
      mode = 'forward'
    },
    async close() {
      resetAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
