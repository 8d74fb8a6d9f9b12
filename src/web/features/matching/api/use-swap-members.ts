import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SwapMembersBody } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Replaces a member of a proposal with someone unmatched or from another proposal. */
export function useSwapMembers(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ matchId, ...body }: SwapMembersBody & { matchId: string }) =>
      api.post('/api/matches/:matchId/swap', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
