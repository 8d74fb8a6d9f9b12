import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** Revokes the SCIM token: provisioning stops until a new one is created. */
export function useRevokeScimToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.delete('/api/organization/scim/token'),
    onSuccess: (settings) => queryClient.setQueryData(ssoKeys.scim(), settings),
  })
}
