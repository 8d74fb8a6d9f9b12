import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { exerciseKeys } from '#web/lib/query-keys.ts'

/** The exercise library (built-in, then the organization's own), to run a session's exercises. */
export function useExerciseLibrary() {
  return useQuery({
    queryKey: exerciseKeys.all,
    queryFn: ({ signal }) => api.get('/api/exercises', { signal }),
    staleTime: 5 * 60_000,
  })
}
