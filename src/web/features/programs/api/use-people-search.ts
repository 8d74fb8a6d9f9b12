import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/** Active people whose name, email or title matches, to pick from. */
export function usePeopleSearch(q: string, options: { department?: string; limit?: number } = {}) {
  const query = {
    q: q.trim() || undefined,
    status: 'active' as const,
    department: options.department,
    limit: options.limit ?? 25,
  }
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: ({ signal }) => api.get('/api/people', { query, signal }),
    placeholderData: keepPreviousData,
  })
}
