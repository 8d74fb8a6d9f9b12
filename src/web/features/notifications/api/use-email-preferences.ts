import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notificationKeys } from '#web/lib/query-keys.ts'

export const emailPreferencesQueryKey = notificationKeys.emailPreferences

/** Which emails I get: every category with whether it is on. */
export function useEmailPreferences() {
  return useQuery({
    queryKey: emailPreferencesQueryKey,
    queryFn: ({ signal }) => api.get('/api/me/email-preferences', { signal }),
  })
}
