import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchFeedbackQueryKey } from './notes-keys.ts'

/** The feedback I received and gave in this match, and the sessions I still owe feedback for. */
export function useMatchFeedback(matchId: string) {
  return useQuery({
    queryKey: matchFeedbackQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/feedback', { params: { matchId }, signal }),
  })
}
