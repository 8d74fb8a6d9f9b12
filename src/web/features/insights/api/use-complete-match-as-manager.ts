import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'
import { matchHealthQueryKey } from './use-match-health.ts'

/** A program manager completes a match: its sessions still to come are cancelled, open re-pair requests closed. */
export function useCompleteMatchAsManager(programId: string, matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api.post('/api/programs/:programId/matches/:matchId/complete', { params: { programId, matchId }, body: {} }),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: matchHealthQueryKey(programId, matchId) })
      queryClient.invalidateQueries({ queryKey: insightKeys.all })
    },
  })
}
