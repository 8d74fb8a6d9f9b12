import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { FitAnswerBody } from '#contracts/fit-and-exits.ts'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Answer the pairing-fit question (once, after the first session). */
export function useAnswerFit(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: FitAnswerBody) => api.post('/api/matches/:matchId/fit', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fitAndExitsQueryKey(matchId) }),
  })
}
