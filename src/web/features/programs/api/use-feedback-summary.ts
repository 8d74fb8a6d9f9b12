import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** The program's average feedback ratings (hidden below the organization's privacy threshold). */
export function useFeedbackSummary(programId: string) {
  return useQuery({
    queryKey: [...programsQueryKey, 'feedback-summary', programId],
    queryFn: ({ signal }) => api.get('/api/programs/:programId/feedback-summary', { params: { programId }, signal }),
  })
}
