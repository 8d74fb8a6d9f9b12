import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { supportRequestsQueryKey } from './wellbeing-keys.ts'

/** Who a support request reaches, and my past support requests in this match. */
export function useSupportRequests(matchId: string) {
  return useQuery({
    queryKey: supportRequestsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/support-requests', { params: { matchId }, signal }),
  })
}
