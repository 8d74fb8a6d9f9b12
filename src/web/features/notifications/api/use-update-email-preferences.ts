import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateEmailPreferences } from '#contracts/notifications.ts'
import { api } from '#web/lib/api-client.ts'
import { emailPreferencesQueryKey } from './use-email-preferences.ts'

export function useUpdateEmailPreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateEmailPreferences) => api.put('/api/me/email-preferences', { body }),
    onSuccess: (preferences) => queryClient.setQueryData(emailPreferencesQueryKey, preferences),
  })
}
