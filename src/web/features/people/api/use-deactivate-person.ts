import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { DeactivatePersonBody } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { personQueryKey } from './use-person.ts'

export function useDeactivatePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: DeactivatePersonBody) =>
      api.post('/api/people/:personId/deactivate', { params: { personId }, body }),
    onSuccess: (person) => {
      queryClient.setQueryData(personQueryKey(personId), person)
      queryClient.invalidateQueries({ queryKey: peopleKeys.lists() })
    },
  })
}
