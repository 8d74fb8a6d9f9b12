import { LRUCache } from 'lru-cache'
import type { Clock } from '#server/clock.ts'
import type { SessionChangeFeed } from '#server/db/session-changes.ts'
import type { SessionViewerRow } from './viewer.repository.ts'

/** How long a looked-up session is served from memory: a backstop, as every change is announced (migration 0015). */
export const SESSION_CACHE_TTL_MS = 5_000
const SESSION_CACHE_MAX = 20_000

export interface SessionCache {
  /** The cached lookup of this token hash, while the change feed is live. */
  get(tokenHash: string): SessionViewerRow | undefined
  /**
   * Looks up through the cache: `load` runs on a miss, and its row is kept unless a change was
   * announced while it ran (the row may predate that change).
   */
  load(tokenHash: string, load: () => Promise<SessionViewerRow | undefined>): Promise<SessionViewerRow | undefined>
  size(): number
}

/**
 * The session lookup, kept in memory for a few seconds per token hash. An entry goes as soon as the
 * database announces a change to its session or its person (sign-out, revocation, expiry, erasure,
 * deactivation, role change, on any instance); nothing is served while the announcements may be
 * missed (the listening connection is down), and everything is forgotten when they resume.
 */
export function createSessionCache(feed: SessionChangeFeed, clock: Clock, ttlMs = SESSION_CACHE_TTL_MS): SessionCache {
  const cache = new LRUCache<string, SessionViewerRow>({
    max: SESSION_CACHE_MAX,
    ttl: ttlMs,
    perf: { now: () => clock.now().getTime() },
  })
  // Bumped by every change: a lookup that overlapped one does not keep its (possibly older) row.
  let generation = 0
  feed.subscribe((change) => {
    generation++
    if (change.kind === 'session') {
      cache.delete(change.id)
      return
    }
    for (const [tokenHash, row] of cache.entries()) if (row.id === change.id) cache.delete(tokenHash)
  })
  feed.onLiveChange(() => {
    generation++
    cache.clear()
  })
  const get = (tokenHash: string) => (feed.isLive() ? cache.get(tokenHash) : undefined)
  return {
    get,
    async load(tokenHash, load) {
      const cached = get(tokenHash)
      if (cached) return cached
      const startedAt = generation
      const row = await load()
      if (row && feed.isLive() && generation === startedAt) cache.set(tokenHash, row)
      return row
    },
    size: () => cache.size,
  }
}
