import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { auditKeys } from '#web/lib/query-keys.ts'

/** People who appear as actors in the audit log, for its actor filter. */
export function useAuditActors() {
  return useQuery({
    queryKey: auditKeys.actors(),
    queryFn: () => api.get('/api/audit-events/actors'),
  })
}
