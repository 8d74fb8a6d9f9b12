import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { AcceptInvitationBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { storeSession } from '#web/lib/session.ts'

/** Sets the invited person's password and signs them in (replacing any session in this browser). */
export function useAcceptInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) => api.post('/api/invitations/accept', { body }),
    onSuccess: (session) => {
      queryClient.clear()
      storeSession(queryClient, session)
    },
  })
}
