import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { MfaSignInBody, SignInAnswer, SignInBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { storeSession } from '#web/lib/session.ts'

/** Email and password: answers the session, or (an account with TOTP) the challenge for the code. */
export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SignInBody): Promise<SignInAnswer> => api.post('/api/auth/sign-in', { body }),
    onSuccess: (answer) => {
      if ('mfaRequired' in answer) return
      queryClient.clear()
      storeSession(queryClient, answer)
    },
  })
}

/** The second step: the code of the authenticator app or a recovery code. */
export function useSignInWithCode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MfaSignInBody) => api.post('/api/auth/sign-in/mfa', { body }),
    onSuccess: (session) => {
      queryClient.clear()
      storeSession(queryClient, session)
    },
  })
}
