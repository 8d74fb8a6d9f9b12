import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { personQueryKey } from './use-person.ts'

export function useReactivatePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/people/:personId/reactivate', { params: { personId } }),
    onSuccess: (person) => {
      queryClient.setQueryData(personQueryKey(personId), person)
      queryClient.invalidateQueries({ queryKey: peopleKeys.lists() })
    },
  })
}
