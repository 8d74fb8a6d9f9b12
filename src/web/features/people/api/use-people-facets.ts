import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const peopleFacetsQueryOptions = queryOptions({
  queryKey: ['people', 'facets'],
  queryFn: ({ signal }) => api.get('/api/people/facets', { signal }),
})

export function usePeopleFacets() {
  return useQuery(peopleFacetsQueryOptions)
}
