import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { organizationKeys } from '#web/lib/query-keys.ts'

export const organizationQueryKey = organizationKeys.all

export function useOrganization() {
  return useQuery({ queryKey: organizationQueryKey, queryFn: () => api.get('/api/organization') })
}
