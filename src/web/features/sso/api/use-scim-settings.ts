import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** The SCIM base URL and the live token's dates (never its secret). */
export function useScimSettings() {
  return useQuery({ queryKey: ssoKeys.scim(), queryFn: () => api.get('/api/organization/scim') })
}
