import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Dissolves a proposal: its members return to the unmatched. */
export function useDissolveMatch(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (matchId: string) => api.delete('/api/matches/:matchId', { params: { matchId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
