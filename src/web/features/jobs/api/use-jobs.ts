import { useQuery } from '@tanstack/react-query'
import type { JobListQuery } from '#contracts/jobs.ts'
import { api } from '#web/lib/api-client.ts'

/** The organization's background jobs in one state, newest first; refreshed while the page is open. */
export function useJobs(state: JobListQuery['state']) {
  return useQuery({
    queryKey: ['jobs', state],
    queryFn: () => api.get('/api/admin/jobs', { query: { state, limit: 100 } }),
    refetchInterval: 10_000,
  })
}
