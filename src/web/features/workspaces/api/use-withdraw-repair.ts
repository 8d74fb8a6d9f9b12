import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Withdraw my open re-pair request. */
export function useWithdrawRepair(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (requestId: string) =>
      api.post('/api/matches/:matchId/repair-requests/:requestId/withdraw', { params: { matchId, requestId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fitAndExitsQueryKey(matchId) }),
  })
}
