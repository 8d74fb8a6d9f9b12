import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** My pairing-fit answer, my re-pair request, whether I can end the match, and my closing survey. */
export function useFitAndExits(matchId: string) {
  return useQuery({
    queryKey: fitAndExitsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/fit-and-exits', { params: { matchId }, signal }),
  })
}
