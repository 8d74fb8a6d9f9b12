import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { actionItemsQueryKey } from './notes-keys.ts'

/** The match's action items, oldest first. */
export function useActionItems(matchId: string) {
  return useQuery({
    queryKey: actionItemsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/action-items', { params: { matchId }, signal }),
  })
}
