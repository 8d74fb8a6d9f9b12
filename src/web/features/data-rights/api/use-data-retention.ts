import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { organizationKeys } from '#web/lib/query-keys.ts'

export const dataRetentionQueryKey = organizationKeys.dataRetention()

export function useDataRetention() {
  return useQuery({
    queryKey: dataRetentionQueryKey,
    queryFn: () => api.get('/api/organization/data-retention'),
  })
}
