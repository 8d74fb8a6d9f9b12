import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notificationKeys } from '#web/lib/query-keys.ts'

export const unsubscribeInfoQueryKey = (token: string) => notificationKeys.unsubscribe(token)

/** Whose address an unsubscribe link is for (masked) and which emails it gets; works signed out. */
export function useUnsubscribeInfo(token: string) {
  return useQuery({
    queryKey: unsubscribeInfoQueryKey(token),
    queryFn: ({ signal }) => api.get('/api/unsubscribe/:token', { params: { token }, signal }),
    retry: false,
  })
}
