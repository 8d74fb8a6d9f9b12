import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** The organization's active admins: who may be the break-glass admin. */
export function useActiveAdmins() {
  return useQuery({
    queryKey: ssoKeys.admins(),
    queryFn: () => api.get('/api/people', { query: { role: 'admin', status: 'active', limit: 100 } }),
  })
}
