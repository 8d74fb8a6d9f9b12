import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightsQueryKey } from './keys.ts'

export const matchHealthQueryKey = (programId: string, matchId: string) =>
  [...insightsQueryKey, 'program', programId, 'match', matchId] as const

/** One match for its program manager: dates, sessions, goals, fit as aggregates, re-pair and at-risk reasons. */
export function useMatchHealth(programId: string, matchId: string) {
  return useQuery({
    queryKey: matchHealthQueryKey(programId, matchId),
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/matches/:matchId/health', { params: { programId, matchId }, signal }),
  })
}
