import { useQuery } from '@tanstack/react-query'
import { MatchFeedbackSchema } from '#contracts/feedback.ts'
import { api } from '#web/lib/api-client.ts'
import { matchFeedbackQueryKey, matchPath } from './notes-keys.ts'

/** The feedback I received and gave in this match, and the sessions I still owe feedback for. */
export function useMatchFeedback(matchId: string) {
  return useQuery({
    queryKey: matchFeedbackQueryKey(matchId),
    queryFn: ({ signal }) => api.get(matchPath(matchId, 'feedback'), MatchFeedbackSchema, { signal }),
  })
}
