import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** Creates (or rotates) the SCIM token; the answer holds its secret, shown once. */
export function useCreateScimToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/organization/scim/token'),
    onSuccess: ({ secret: _secret, isRotation: _isRotation, ...settings }) =>
      queryClient.setQueryData(ssoKeys.scim(), settings),
  })
}
