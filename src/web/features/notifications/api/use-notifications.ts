import { useQuery } from '@tanstack/react-query'
import type { NotificationListQuery } from '#contracts/notifications.ts'
import { api } from '#web/lib/api-client.ts'
import { notificationKeys } from '#web/lib/query-keys.ts'

export const notificationsQueryKey = notificationKeys.all

/** My notifications, newest first, with the unread count. */
export function useNotifications(query: NotificationListQuery = {}, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'list', query],
    queryFn: ({ signal }) => api.get('/api/notifications', { query, signal }),
    enabled: options.isEnabled ?? true,
  })
}
