import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const dataRetentionQueryKey = ['organization', 'data-retention'] as const

export function useDataRetention() {
  return useQuery({
    queryKey: dataRetentionQueryKey,
    queryFn: () => api.get('/api/organization/data-retention'),
  })
}
