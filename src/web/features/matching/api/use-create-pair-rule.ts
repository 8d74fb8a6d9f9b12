import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreatePairRuleBody } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Adds a "never" or "must" pair rule; a never rule dissolves the pair's proposal. */
export function useCreatePairRule(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreatePairRuleBody) =>
      api.post('/api/programs/:programId/pair-rules', { params: { programId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
