import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateExerciseBody } from '#contracts/exercises.ts'
import { api } from '#web/lib/api-client.ts'
import { exercisesQueryKey } from './keys.ts'

/** Add one of the organization's own exercises (admin). */
export function useCreateExercise() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateExerciseBody) => api.post('/api/exercises', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exercisesQueryKey }),
  })
}
