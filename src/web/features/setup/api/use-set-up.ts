import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SetupBody } from '#contracts/organizations.ts'
import { api } from '#web/lib/api-client.ts'
import { storeSession } from '#web/lib/session.ts'
import { setupStatusQueryKey } from './use-setup-status.ts'

/** Creates the organization and its first admin, and signs them in. */
export function useSetUp() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SetupBody) => api.post('/api/setup', { body }),
    onSuccess: (session) => {
      queryClient.setQueryData(setupStatusQueryKey, { isSetUp: true })
      storeSession(queryClient, session)
    },
  })
}
