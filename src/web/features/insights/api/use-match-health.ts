import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'

export const matchHealthQueryKey = (programId: string, matchId: string) => insightKeys.matchHealth(programId, matchId)

/** One match for its program manager: dates, sessions, goals, fit as aggregates, re-pair and at-risk reasons. */
export function useMatchHealth(programId: string, matchId: string) {
  return useQuery({
    queryKey: matchHealthQueryKey(programId, matchId),
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/matches/:matchId/health', { params: { programId, matchId }, signal }),
  })
}
