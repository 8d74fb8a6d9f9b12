import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { forgetSession } from '#web/lib/session.ts'

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out'),
    // Signed out locally even if the server could not be reached: the cookie is the server's to drop.
    onSettled: () => forgetSession(queryClient),
  })
}
