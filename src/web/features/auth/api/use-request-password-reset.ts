import { useMutation } from '@tanstack/react-query'
import type { PasswordResetRequestBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) => api.post('/api/auth/password-reset', { body }),
  })
}
