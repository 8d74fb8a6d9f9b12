import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { GiveFeedbackBody } from '#contracts/feedback.ts'
import { api } from '#web/lib/api-client.ts'
import { matchFeedbackQueryKey } from './notes-keys.ts'

/** Give a member feedback for a past session (acknowledgeFlags: send it despite the wording check). */
export function useGiveFeedback(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: GiveFeedbackBody }) =>
      api.post('/api/sessions/:sessionId/feedback', { params: { sessionId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchFeedbackQueryKey(matchId) }),
  })
}
