import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { myWellbeingQueryKey } from './wellbeing-keys.ts'

/** My check-ins across my matches and my trend (weekly averages, how each session moved me). */
export function useMyWellbeing() {
  return useQuery({
    queryKey: myWellbeingQueryKey,
    queryFn: ({ signal }) => api.get('/api/me/wellbeing', { signal }),
  })
}
