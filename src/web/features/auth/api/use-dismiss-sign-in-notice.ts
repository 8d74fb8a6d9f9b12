import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Session } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey } from '#web/lib/session.ts'

/** The person has read that an admin reset their sign-in: the notice is not shown again. */
export function useDismissSignInNotice() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-in-notice/dismiss'),
    onSuccess: () => {
      queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
        session ? { ...session, signInNotice: null } : session,
      )
    },
  })
}
