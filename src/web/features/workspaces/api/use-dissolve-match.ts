import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { DissolveMatchBody } from '#contracts/fit-and-exits.ts'
import { api } from '#web/lib/api-client.ts'
import { coachingSessionKeys } from '#web/lib/query-keys.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/**
 * End the match early with a reason for the program managers. The answer is kept as the section's
 * state so the closing survey stays on screen while the page reloads the workspace, now read-only.
 */
export function useDissolveMatch(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: DissolveMatchBody) => api.post('/api/matches/:matchId/dissolve', { params: { matchId }, body }),
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
