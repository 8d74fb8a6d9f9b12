import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notificationsQueryKey } from './use-notifications.ts'

/** The badge on the bell; refreshed every minute and when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'unread-count'],
    queryFn: ({ signal }) => api.get('/api/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
  })
}
