import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { organizationKeys } from '#web/lib/query-keys.ts'

/** The organization's privacy threshold, for saying under each question what a program manager sees; null while loading. */
export function usePrivacyThreshold(): number | null {
  const organization = useQuery({
    queryKey: organizationKeys.all,
    queryFn: ({ signal }) => api.get('/api/organization', { signal }),
    staleTime: 5 * 60_000,
  })
  return organization.data?.aggregateThreshold ?? null
}
