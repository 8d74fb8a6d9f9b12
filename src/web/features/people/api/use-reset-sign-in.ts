import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { outboxKeys } from '#web/lib/query-keys.ts'

/** An admin resets a person's sign-in: signed out everywhere, a new set-password link sent. */
export function useResetSignIn(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/people/:personId/sign-in-reset', { params: { personId } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: outboxKeys.all })
    },
  })
}
