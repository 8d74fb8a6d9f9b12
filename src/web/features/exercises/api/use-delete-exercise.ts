import { useMutation, useQueryClient } from '@tanstack/react-query'
import { DeletedSchema } from '#contracts/exercises.ts'
import { api } from '#web/lib/api-client.ts'
import { exercisesQueryKey } from './keys.ts'

/** Delete one of the organization's own exercises (admin); built-in ones are read-only. */
export function useDeleteExercise() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (exerciseId: string) =>
      api.request('DELETE', `/api/exercises/${encodeURIComponent(exerciseId)}`, DeletedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exercisesQueryKey }),
  })
}
