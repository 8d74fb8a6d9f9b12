import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

export const peopleFacetsQueryOptions = queryOptions({
  queryKey: peopleKeys.facets(),
  queryFn: ({ signal }) => api.get('/api/people/facets', { signal }),
})

export function usePeopleFacets() {
  return useQuery(peopleFacetsQueryOptions)
}
