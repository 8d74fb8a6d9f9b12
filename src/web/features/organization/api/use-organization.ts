import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const organizationQueryKey = ['organization'] as const

export function useOrganization() {
  return useQuery({ queryKey: organizationQueryKey, queryFn: () => api.get('/api/organization') })
}
