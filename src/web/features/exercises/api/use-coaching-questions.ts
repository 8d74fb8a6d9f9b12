import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { questionsQueryKey } from './keys.ts'

/** The question bank: active-listening moves and powerful questions, built-in then the organization's own. */
export function useCoachingQuestions() {
  return useQuery({
    queryKey: questionsQueryKey,
    queryFn: ({ signal }) => api.get('/api/coaching-questions', { signal }),
  })
}
