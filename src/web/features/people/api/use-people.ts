import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { PeopleListQuery } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/** One page of the directory. */
export const peopleQueryOptions = (query: PeopleListQuery) =>
  queryOptions({
    queryKey: peopleKeys.list(query),
    queryFn: ({ signal }) => api.get('/api/people', { query, signal }),
  })

/** One page of the directory; the previous page stays on screen while the next loads. */
export function usePeople(query: PeopleListQuery, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    ...peopleQueryOptions(query),
    placeholderData: keepPreviousData,
    enabled: options.isEnabled ?? true,
  })
}
