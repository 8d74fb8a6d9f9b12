import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UnsubscribeRequest } from '#contracts/notifications.ts'
import { api } from '#web/lib/api-client.ts'
import { unsubscribeInfoQueryKey } from './use-unsubscribe-info.ts'

/** Stops one category of emails, or all of them, through an email's unsubscribe link. */
export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UnsubscribeRequest) => api.post('/api/unsubscribe/:token', { params: { token }, body }),
    onSuccess: (info) => queryClient.setQueryData(unsubscribeInfoQueryKey(token), info),
  })
}
