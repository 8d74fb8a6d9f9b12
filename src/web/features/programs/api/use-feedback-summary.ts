import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

/** The program's average feedback ratings (hidden below the organization's privacy threshold). */
export function useFeedbackSummary(programId: string) {
  return useQuery({
    queryKey: programKeys.feedbackSummary(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId/feedback-summary', { params: { programId }, signal }),
  })
}
