import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { PeopleListQuery } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'

/** One page of the directory; the previous page stays on screen while the next loads. */
export function usePeople(query: PeopleListQuery, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['people', 'list', query],
    queryFn: ({ signal }) => api.get('/api/people', { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  })
}
