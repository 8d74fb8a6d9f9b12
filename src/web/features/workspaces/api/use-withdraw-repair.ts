import { useMutation, useQueryClient } from '@tanstack/react-query'
import { MyRepairRequestSchema } from '#contracts/fit-and-exits.ts'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Withdraw my open re-pair request. */
export function useWithdrawRepair(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (requestId: string) =>
      api.post(
        `/api/matches/${encodeURIComponent(matchId)}/repair-requests/${encodeURIComponent(requestId)}/withdraw`,
        MyRepairRequestSchema,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fitAndExitsQueryKey(matchId) }),
  })
}
