import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'
import { matchingQueryKey } from './keys.ts'

/** Publishes every proposal: members are notified and the program becomes active. */
export function usePublishMatches(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/programs/:programId/matches/publish', { params: { programId } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) })
      queryClient.invalidateQueries({ queryKey: programKeys.all })
    },
  })
}
