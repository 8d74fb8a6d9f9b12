import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { outboxKeys } from '#web/lib/query-keys.ts'

/** Emails newest first, a page at a time ("Show older emails"). */
export function useOutbox() {
  return useInfiniteQuery({
    queryKey: outboxKeys.list(),
    queryFn: ({ pageParam }) => api.get('/api/outbox', { query: { limit: 25, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
