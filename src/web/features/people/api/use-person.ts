import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

export const personQueryKey = (personId: string) => peopleKeys.person(personId)

/** One person; the route's loader starts it while the page's code loads. */
export const personQueryOptions = (personId: string) =>
  queryOptions({
    queryKey: personQueryKey(personId),
    queryFn: ({ signal }) => api.get('/api/people/:personId', { params: { personId }, signal }),
  })

export function usePerson(personId: string) {
  return useQuery(personQueryOptions(personId))
}
