import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { exerciseKeys } from '#web/lib/query-keys.ts'

/** The exercise library (built-in and the organization's own), to pick a session's exercises from. */
export function useSessionExercises() {
  return useQuery({
    queryKey: exerciseKeys.forSessions(),
    queryFn: ({ signal }) => api.get('/api/exercises', { signal }),
    staleTime: 5 * 60_000,
  })
}
