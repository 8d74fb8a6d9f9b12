import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SignInBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { storeSession } from '#web/lib/session.ts'

export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SignInBody) => api.post('/api/auth/sign-in', { body }),
    onSuccess: (session) => {
      queryClient.clear()
      storeSession(queryClient, session)
    },
  })
}
