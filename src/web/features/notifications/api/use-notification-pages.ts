import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notificationsQueryKey } from './use-notifications.ts'

/** Every notification, 20 at a time, following the API's cursor. */
export function useNotificationPages(isUnreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...notificationsQueryKey, 'pages', isUnreadOnly],
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/notifications', {
        query: { limit: 20, unread: isUnreadOnly ? 'true' : 'false', cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
