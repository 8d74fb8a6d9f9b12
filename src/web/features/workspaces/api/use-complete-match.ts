import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Complete the match; the closing survey opens. */
export function useCompleteMatch(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/matches/:matchId/complete', { params: { matchId }, body: {} }),
    onSuccess: (state) => queryClient.setQueryData(fitAndExitsQueryKey(matchId), state),
  })
}
