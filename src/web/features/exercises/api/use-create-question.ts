import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateCoachingQuestionBody } from '#contracts/exercises.ts'
import { api } from '#web/lib/api-client.ts'
import { questionsQueryKey } from './keys.ts'

/** Add a question to the organization's bank (admin). */
export function useCreateQuestion() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateCoachingQuestionBody) => api.post('/api/coaching-questions', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: questionsQueryKey }),
  })
}
