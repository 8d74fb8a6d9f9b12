import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MfaDisableBody } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { authKeys } from '#web/lib/query-keys.ts'
import { sessionQueryKey } from '#web/lib/session.ts'

export const mfaStatusQueryOptions = queryOptions({
  queryKey: authKeys.mfa,
  queryFn: ({ signal }) => api.get('/api/auth/mfa', { signal }),
})

export function useMfaStatus() {
  return useQuery(mfaStatusQueryOptions)
}

export function useStartMfaSetup() {
  return useMutation({ mutationFn: () => api.post('/api/auth/mfa/setup') })
}

export function useConfirmMfaSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api.post('/api/auth/mfa/confirm', { body: { code } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey })
    },
  })
}

/** After the recovery codes are saved: the session no longer asks to enroll. */
export function useFinishMfaSetup() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: sessionQueryKey })
}

export function useDisableMfa() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MfaDisableBody) => api.post('/api/auth/mfa/disable', { body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey })
    },
  })
}
