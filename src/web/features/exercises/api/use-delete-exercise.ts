import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { exercisesQueryKey } from './keys.ts'

/** Delete one of the organization's own exercises (admin); built-in ones are read-only. */
export function useDeleteExercise() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (exerciseId: string) => api.delete('/api/exercises/:exerciseId', { params: { exerciseId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exercisesQueryKey }),
  })
}
