import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** The program's runs, newest first; polled while one is queued or running. */
export function useMatchingRuns(programId: string) {
  return useQuery({
    queryKey: [...matchingQueryKey(programId), 'runs'],
    queryFn: ({ signal }) => api.get('/api/programs/:programId/matching-runs', { params: { programId }, signal }),
    refetchInterval: (query) =>
      query.state.data?.runs.some((run) => run.status === 'queued' || run.status === 'running') ? 1000 : false,
  })
}
