import { queryOptions, useQuery } from '@tanstack/react-query'
import { MY_UPCOMING_SESSIONS_DEFAULT } from '#contracts/allowed-values.ts'
import { api } from '#web/lib/api-client.ts'
import { myUpcomingSessionsQueryKey } from './session-keys.ts'

/** My scheduled sessions that have not ended, in every match I may open, soonest first. */
export const myUpcomingSessionsQueryOptions = (limit = MY_UPCOMING_SESSIONS_DEFAULT) =>
  queryOptions({
    queryKey: myUpcomingSessionsQueryKey(limit),
    queryFn: ({ signal }) => api.get('/api/me/coaching-sessions', { query: { limit }, signal }),
    // Sessions change in the match workspaces, whose mutations refresh only their match: coming back
    // home always asks again (the cached list shows meanwhile). The home route's loader is what asks,
    // on every visit; the list mounting does not ask a second time.
    staleTime: 0,
    refetchOnMount: false,
  })

export function useMyUpcomingSessions(limit = MY_UPCOMING_SESSIONS_DEFAULT) {
  return useQuery(myUpcomingSessionsQueryOptions(limit))
}
