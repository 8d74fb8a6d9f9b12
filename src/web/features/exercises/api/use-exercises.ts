import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { exercisesQueryKey } from './keys.ts'

/** The exercise library: the five built-in techniques, then the organization's own exercises. */
export function useExercises() {
  return useQuery({
    queryKey: exercisesQueryKey,
    queryFn: ({ signal }) => api.get('/api/exercises', { signal }),
  })
}
