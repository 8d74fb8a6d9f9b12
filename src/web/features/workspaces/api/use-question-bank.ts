import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { exerciseKeys } from '#web/lib/query-keys.ts'

/** The question bank: active-listening moves and powerful questions, for the coach's side panel. */
export function useQuestionBank() {
  return useQuery({
    queryKey: exerciseKeys.questions,
    queryFn: ({ signal }) => api.get('/api/coaching-questions', { signal }),
    staleTime: 5 * 60_000,
  })
}
