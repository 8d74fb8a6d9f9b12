import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { myCheckInsQueryKey } from './wellbeing-keys.ts'

/** My own check-in state in the match: the sessions, whether I checked in before/after each, my latest. */
export function useMyCheckIns(matchId: string) {
  return useQuery({
    queryKey: myCheckInsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/wellbeing-checkins', { params: { matchId }, signal }),
  })
}
