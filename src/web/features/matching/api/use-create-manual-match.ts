import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateManualMatchBody } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Matches people by hand; refused (422) with the hard rule it would break. */
export function useCreateManualMatch(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateManualMatchBody) =>
      api.post('/api/programs/:programId/matches', { params: { programId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
