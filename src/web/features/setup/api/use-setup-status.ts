import { queryOptions } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { setupKeys } from '#web/lib/query-keys.ts'

export const setupStatusQueryKey = setupKeys.status

/** Whether this instance has its first organization; until then every page leads to set-up. */
export const setupStatusQueryOptions = queryOptions({
  queryKey: setupStatusQueryKey,
  queryFn: () => api.get('/api/setup'),
  staleTime: Number.POSITIVE_INFINITY,
})
