import { useQuery } from '@tanstack/react-query'
import type { NotificationListQuery } from '#contracts/notifications.ts'
import { api } from '#web/lib/api-client.ts'

export const notificationsQueryKey = ['notifications'] as const

/** My notifications, newest first, with the unread count. */
export function useNotifications(query: NotificationListQuery = {}, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'list', query],
    queryFn: ({ signal }) => api.get('/api/notifications', { query, signal }),
    enabled: options.isEnabled ?? true,
  })
}
