import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateRepairRequestBody } from '#contracts/fit-and-exits.ts'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Ask to be re-paired; the reason goes to the program managers only. */
export function useAskRepair(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateRepairRequestBody) =>
      api.post('/api/matches/:matchId/repair-requests', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fitAndExitsQueryKey(matchId) }),
  })
}
