import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MfaPolicy } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { authKeys } from '#web/lib/query-keys.ts'

const mfaPolicyQueryOptions = queryOptions({
  queryKey: authKeys.mfaPolicy,
  queryFn: ({ signal }) => api.get('/api/organization/mfa-policy', { signal }),
})

export function useMfaPolicy() {
  return useQuery(mfaPolicyQueryOptions)
}

export function useUpdateMfaPolicy() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MfaPolicy) => api.put('/api/organization/mfa-policy', { body }),
    onSuccess: (policy) => {
      queryClient.setQueryData(mfaPolicyQueryOptions.queryKey, policy)
      queryClient.invalidateQueries({ queryKey: authKeys.mfa })
    },
  })
}
