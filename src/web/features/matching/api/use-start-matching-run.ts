import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { StartMatchingRunBody } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Starts a run off the request path; the answer is the queued run to poll. */
export function useStartMatchingRun(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: StartMatchingRunBody) =>
      api.post('/api/programs/:programId/matching-runs', { params: { programId }, body: body ?? {} }),
    // Not awaited: the caller follows the queued run at once, while the lists refresh beside it.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) })
    },
  })
}
