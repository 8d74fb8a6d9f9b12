import { useMutation, useQueryClient } from '@tanstack/react-query'
import { DeletedSchema } from '#contracts/exercises.ts'
import { api } from '#web/lib/api-client.ts'
import { questionsQueryKey } from './keys.ts'

/** Delete one of the organization's own questions (admin); built-in ones are read-only. */
export function useDeleteQuestion() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (questionId: string) =>
      api.request('DELETE', `/api/coaching-questions/${encodeURIComponent(questionId)}`, DeletedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: questionsQueryKey }),
  })
}
