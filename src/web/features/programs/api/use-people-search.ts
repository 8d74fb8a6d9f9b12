import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/**
 * People whose name, email or title matches, to pick from: active ones, and with `whoCanEnroll` also
 * those who have not signed up yet (invited or not), or with `everyone` the deactivated too.
 */
export function usePeopleSearch(
  q: string,
  options: { department?: string; limit?: number; include?: 'active' | 'whoCanEnroll' | 'everyone' } = {},
) {
  const include = options.include ?? 'active'
  const query = {
    q: q.trim() || undefined,
    access: include === 'active' ? 'active' : include === 'whoCanEnroll' ? 'active,invited,not_invited' : undefined,
    department: options.department,
    limit: options.limit ?? 25,
  }
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: ({ signal }) => api.get('/api/people', { query, signal }),
    placeholderData: keepPreviousData,
  })
}
