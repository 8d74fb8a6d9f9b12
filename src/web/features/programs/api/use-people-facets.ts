import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** Departments (for "who may enroll"). */
export function usePeopleFacets() {
  return useQuery({
    queryKey: ['people', 'facets'],
    queryFn: () => api.get('/api/people/facets'),
  })
}
