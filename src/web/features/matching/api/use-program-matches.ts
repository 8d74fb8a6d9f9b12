import { useQuery } from '@tanstack/react-query'
import { ProgramMatchesSchema } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** The review: proposed and published matches with their reasons, and who is unmatched and why. */
export function useProgramMatches(programId: string) {
  return useQuery({
    queryKey: [...matchingQueryKey(programId), 'matches'],
    queryFn: ({ signal }) =>
      api.get(`/api/programs/${encodeURIComponent(programId)}/matches`, ProgramMatchesSchema, {
        query: { status: 'all' },
        signal,
      }),
  })
}
