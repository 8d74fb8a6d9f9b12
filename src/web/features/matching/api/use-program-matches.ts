import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/**
 * The review: proposed and published matches with their reasons, and the first `unmatchedLimit`
 * people who are unmatched and why (showing more asks again with a larger limit).
 */
export function useProgramMatches(programId: string, unmatchedLimit: number) {
  return useQuery({
    queryKey: [...matchingQueryKey(programId), 'matches', { unmatchedLimit }],
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/matches', {
        params: { programId },
        query: { status: 'all', unmatchedLimit },
        signal,
      }),
    // The list stays on screen while a longer one loads.
    placeholderData: keepPreviousData,
  })
}
