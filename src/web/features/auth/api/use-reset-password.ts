import { useMutation } from '@tanstack/react-query'
import type { PasswordResetCompleteBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: PasswordResetCompleteBody) => api.post('/api/auth/password-reset/complete', { body }),
  })
}
