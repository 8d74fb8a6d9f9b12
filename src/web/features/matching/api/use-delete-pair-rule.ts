import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

export function useDeletePairRule(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ruleId: string) =>
      api.delete(`/api/programs/${encodeURIComponent(programId)}/pair-rules/${encodeURIComponent(ruleId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
