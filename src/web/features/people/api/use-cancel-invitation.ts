import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { pendingInvitationQueryKey } from './use-pending-invitation.ts'
import { personQueryKey } from './use-person.ts'

/** Cancels the person's invitation: the links stop working; a person who was only the invitation is removed. */
export function useCancelInvitation(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.delete('/api/people/:personId/invitation', { params: { personId } }),
    onSuccess: () => {
      queryClient.setQueryData(pendingInvitationQueryKey(personId), null)
      queryClient.invalidateQueries({ queryKey: peopleKeys.lists() })
      queryClient.invalidateQueries({ queryKey: peopleKeys.facets() })
    },
    // Refused (accepted meanwhile, or already cancelled elsewhere): show the person as they are now.
    onError: () => {
      queryClient.invalidateQueries({ queryKey: personQueryKey(personId) })
      queryClient.invalidateQueries({ queryKey: pendingInvitationQueryKey(personId) })
    },
  })
}
