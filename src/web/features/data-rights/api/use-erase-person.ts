import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ErasePersonBody } from '#contracts/data-rights.ts'
import { api } from '#web/lib/api-client.ts'

/** Erases a person for good (admin, after typing their name). */
export function useErasePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ErasePersonBody) => api.post('/api/people/:personId/erase', { params: { personId }, body }),
    onSuccess: () => {
      // Their name is gone everywhere: every cached page that showed it is stale.
      queryClient.invalidateQueries()
    },
  })
}
