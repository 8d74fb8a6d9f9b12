import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { sessionSuggestionsQueryKey } from './session-keys.ts'

/** Times inside every member's working hours, clear of their scheduled sessions (fetched while the form is open). */
export function useSessionSuggestions(matchId: string, durationMinutes: number, isEnabled: boolean) {
  return useQuery({
    queryKey: sessionSuggestionsQueryKey(matchId, durationMinutes),
    queryFn: ({ signal }) =>
      api.get('/api/matches/:matchId/session-suggestions', {
        params: { matchId },
        query: { durationMinutes, count: 5 },
        signal,
      }),
    enabled: isEnabled,
    staleTime: 60_000,
  })
}
