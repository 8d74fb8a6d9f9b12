import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const personQueryKey = (personId: string) => ['people', 'person', personId] as const

export function usePerson(personId: string) {
  return useQuery({
    queryKey: personQueryKey(personId),
    queryFn: () => api.get('/api/people/:personId', { params: { personId } }),
  })
}
