import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { systemKeys } from '#web/lib/query-keys.ts'

/** The System page's facts; refreshed every 15 s while the page is open. */
export function useSystemStatus() {
  return useQuery({
    queryKey: systemKeys.status(),
    queryFn: ({ signal }) => api.get('/api/admin/system', { signal }),
    refetchInterval: 15_000,
  })
}
