import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'

/** Retention of participants against non-participants at 6 and 12 months, per program. */
export function useRetention() {
  return useQuery({
    queryKey: insightKeys.retention(),
    queryFn: ({ signal }) => api.get('/api/insights/retention', { signal }),
  })
}
