import { useQuery } from '@tanstack/react-query'
import type { JobListQuery } from '#contracts/jobs.ts'
import { api } from '#web/lib/api-client.ts'
import { jobKeys } from '#web/lib/query-keys.ts'

/** The organization's background jobs in one state, newest first; refreshed while the page is open. */
export function useJobs(state: JobListQuery['state']) {
  return useQuery({
    queryKey: jobKeys.list(state),
    queryFn: () => api.get('/api/admin/jobs', { query: { state, limit: 100 } }),
    refetchInterval: 10_000,
  })
}
