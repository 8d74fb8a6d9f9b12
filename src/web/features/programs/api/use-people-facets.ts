import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/** Departments (for "who may enroll"). */
export function usePeopleFacets() {
  return useQuery({
    queryKey: peopleKeys.facets(),
    queryFn: () => api.get('/api/people/facets'),
  })
}
