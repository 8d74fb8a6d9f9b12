import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'

/** Every program side by side, and the organization's themes with the programs and goals serving each. */
export function useInsightsOverview() {
  return useQuery({
    queryKey: insightKeys.overview(),
    queryFn: ({ signal }) => api.get('/api/insights/overview', { signal }),
  })
}
