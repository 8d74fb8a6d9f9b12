import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InvitationBody } from '#contracts/auth.ts'
import { api, isApiError } from '#web/lib/api-client.ts'
import { outboxKeys, peopleKeys } from '#web/lib/query-keys.ts'

/** Invites a person by email (or sends the invitation again to someone who has not accepted yet). */
export function useInvitePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: InvitationBody) => api.post('/api/invitations', { body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: peopleKeys.all })
      queryClient.invalidateQueries({ queryKey: outboxKeys.all })
    },
    onError: (error) => {
      // Someone (another tab, another admin) sent it moments ago: show that invitation's time.
      if (isApiError(error, 'invitation_recently_sent')) queryClient.invalidateQueries({ queryKey: peopleKeys.all })
    },
  })
}
