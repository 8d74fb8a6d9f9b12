import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import type { AuditEventQuery } from '#contracts/audit.ts'
import { api } from '#web/lib/api-client.ts'
import { auditKeys } from '#web/lib/query-keys.ts'

export type AuditLogFilters = Pick<AuditEventQuery, 'actorId' | 'action' | 'from' | 'to' | 'timeZone'>

/** The audit log with these filters, newest first, a page at a time ("Show older events"). */
export function useAuditEvents(filters: AuditLogFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.events(filters),
    queryFn: ({ pageParam }) => api.get('/api/audit-events', { query: { ...filters, limit: 50, before: pageParam } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  })
}
