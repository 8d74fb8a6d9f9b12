import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Two runs side by side: the headline figures' difference and who changed partner. */
export function useCompareRuns(programId: string, a: string | null, b: string | null) {
  return useQuery({
    queryKey: [...matchingQueryKey(programId), 'compare', a, b],
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/matching-runs/compare', {
        params: { programId },
        query: { a: a ?? '', b: b ?? '' },
        signal,
      }),
    enabled: a !== null && b !== null && a !== b,
  })
}
