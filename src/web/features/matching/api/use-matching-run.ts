import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingKeys } from '#web/lib/query-keys.ts'

/** One run with its proposals and who it left out; polled until it succeeds or fails. */
export function useMatchingRun(runId: string | null) {
  return useQuery({
    queryKey: matchingKeys.run(runId),
    queryFn: ({ signal }) => api.get('/api/matching-runs/:runId', { params: { runId: runId ?? '' }, signal }),
    enabled: runId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status
      return status === 'queued' || status === 'running' ? 750 : false
    },
  })
}
