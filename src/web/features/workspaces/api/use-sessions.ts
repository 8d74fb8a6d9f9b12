import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { sessionsQueryKey } from './session-keys.ts'

/** My match's sessions: upcoming and past, the give-and-take balance and who coaches next. */
export function useSessions(matchId: string) {
  return useQuery({
    queryKey: sessionsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/sessions', { params: { matchId }, signal }),
  })
}
