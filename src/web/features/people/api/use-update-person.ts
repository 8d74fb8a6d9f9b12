import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdatePersonBody } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { personQueryKey } from './use-person.ts'

/** An admin's change to a person: role, department, reporting line. */
export function useUpdatePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdatePersonBody) => api.patch('/api/people/:personId', { params: { personId }, body }),
    onSuccess: (person) => {
      queryClient.setQueryData(personQueryKey(personId), person)
      queryClient.invalidateQueries({ queryKey: peopleKeys.lists() })
      queryClient.invalidateQueries({ queryKey: peopleKeys.facets() })
    },
  })
}
