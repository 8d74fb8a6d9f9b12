import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { coachingSessionKeys } from '#web/lib/query-keys.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Agree to complete the match; once every member agreed it completes and the closing survey opens. */
export function useCompleteMatch(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/matches/:matchId/complete', { params: { matchId }, body: {} }),
    onSuccess: (state) => {
      queryClient.setQueryData(fitAndExitsQueryKey(matchId), state)
      // A match that ended cancelled its sessions still to come: the lists that show them reload.
      if (state.matchStatus !== 'active') {
        queryClient.invalidateQueries({ queryKey: coachingSessionKeys.ofMatch(matchId) })
        queryClient.invalidateQueries({ queryKey: coachingSessionKeys.allMyUpcoming() })
      }
    },
  })
}
