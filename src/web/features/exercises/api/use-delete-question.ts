import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { questionsQueryKey } from './keys.ts'

/** Delete one of the organization's own questions (admin); built-in ones are read-only. */
export function useDeleteQuestion() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (questionId: string) => api.delete('/api/coaching-questions/:questionId', { params: { questionId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: questionsQueryKey }),
  })
}
