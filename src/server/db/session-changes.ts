import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Mutex } from './pglite-dialect.ts'

/** The channel on which the database announces a changed session or person (migration 0015). */
export const SESSION_CHANGES_CHANNEL = 'tandem_session_changes'

/** A change the database announced: a session ('s') or a person ('p') by id. */
export interface SessionChange {
  kind: 'session' | 'person'
  id: string
}

/**
 * The database's notices of changed sessions and people, as this process receives them. On
 * PostgreSQL a dedicated connection always listens (and reconnects when it drops), and every pool
 * connection listens too: a notice raised by this process's own statement reaches the handlers
 * before that statement's promise resolves, so a sign-out is seen by the next request here at once.
 * On the embedded database (one process) the notice is delivered in-process.
 */
export interface SessionChangeFeed {
  /** Calls `handler` with every change; returns the function that stops it. */
  subscribe(handler: (change: SessionChange) => void): () => void
  /**
   * Whether every notice is known to arrive: false until the dedicated connection listens and
   * while it is down (a change in that gap would go unseen; the cache must not serve then).
   */
  isLive(): boolean
  /** Called with false when the feed stops being live, with true when it is live again. */
  onLiveChange(handler: (isLive: boolean) => void): void
  /** Starts listening; resolves once live (or after the first failure on PostgreSQL, retried in the background). */
  start(): Promise<void>
  stop(): Promise<void>
  /** Delivers a raw notice payload (the pool connections' listener calls it). */
  deliver(payload: string): void
}

function parse(payload: string): SessionChange | null {
  const [tag, id] = [payload.slice(0, 2), payload.slice(2)]
  if (tag === 's:') return { kind: 'session', id }
  if (tag === 'p:') return { kind: 'person', id }
  return null
}

function createFeedCore() {
  const handlers = new Set<(change: SessionChange) => void>()
  const liveHandlers = new Set<(isLive: boolean) => void>()
  let isLive = false
  return {
    handlers,
    subscribe(handler: (change: SessionChange) => void) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
    deliver(payload: string) {
      const change = parse(payload)
      if (change) for (const handler of handlers) handler(change)
    },
    isLive: () => isLive,
    setLive(value: boolean) {
      if (value === isLive) return
      isLive = value
      for (const handler of liveHandlers) handler(value)
    },
    onLiveChange(handler: (isLive: boolean) => void) {
      liveHandlers.add(handler)
    },
  }
}

export function createPgliteSessionChangeFeed(instance: PGlite, mutex: Mutex): SessionChangeFeed {
  const core = createFeedCore()
  let unlisten: (() => Promise<void>) | null = null
  return {
    subscribe: core.subscribe,
    isLive: core.isLive,
    onLiveChange: core.onLiveChange,
    deliver: core.deliver,
    async start() {
      if (unlisten) return
      unlisten = await mutex.run(() => instance.listen(SESSION_CHANGES_CHANNEL, core.deliver))
      core.setLive(true)
    },
    async stop() {
      core.setLive(false)
      const stopListening = unlisten
      unlisten = null
      if (stopListening && !instance.closed) await mutex.run(() => stopListening())
    },
  }
}

export function createPostgresSessionChangeFeed(
  connectionString: string,
  options: { reconnectDelayMs?: number; onError?: (error: Error) => void } = {},
): SessionChangeFeed {
  const core = createFeedCore()
  const reconnectDelayMs = options.reconnectDelayMs ?? 1_000
  let client: pg.Client | null = null
  let isStopped = true
  let retry: NodeJS.Timeout | null = null

  const connect = async () => {
    if (isStopped) return
    const next = new pg.Client({ connectionString, application_name: 'tandem-session-changes', keepAlive: true })
    const lost = (error?: Error) => {
      if (client !== next) return
      client = null
      core.setLive(false)
      if (error) options.onError?.(error)
      next.end().catch(() => {})
      if (!isStopped) retry = setTimeout(() => void connect(), reconnectDelayMs).unref()
    }
    next.on('notification', (notice) => {
      if (notice.channel === SESSION_CHANGES_CHANNEL && notice.payload) core.deliver(notice.payload)
    })
    next.on('error', (error) => lost(error))
    next.on('end', () => lost())
    client = next
    try {
      await next.connect()
      await next.query(`listen ${SESSION_CHANGES_CHANNEL}`)
      if (client === next) core.setLive(true)
    } catch (error) {
      lost(error as Error)
    }
  }

  return {
    subscribe: core.subscribe,
    isLive: core.isLive,
    onLiveChange: core.onLiveChange,
    deliver: core.deliver,
    async start() {
      if (!isStopped) return
      isStopped = false
      await connect()
    },
    async stop() {
      isStopped = true
      if (retry) clearTimeout(retry)
      retry = null
      core.setLive(false)
      const current = client
      client = null
      await current?.end().catch(() => {})
    },
  }
}
