import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ClosingSurveyBody } from '#contracts/fit-and-exits.ts'
import { api } from '#web/lib/api-client.ts'
import { fitAndExitsQueryKey } from './wellbeing-keys.ts'

/** Answer the closing survey (once, after the match is completed or ended). */
export function useAnswerClosingSurvey(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ClosingSurveyBody) =>
      api.post('/api/matches/:matchId/closing-survey', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fitAndExitsQueryKey(matchId) }),
  })
}
