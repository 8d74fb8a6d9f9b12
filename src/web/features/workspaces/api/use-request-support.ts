import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateSupportRequestBody } from '#contracts/wellbeing.ts'
import { api } from '#web/lib/api-client.ts'
import { supportRequestsQueryKey } from './wellbeing-keys.ts'

/** "I'd like support": my message reaches the support contact only with my consent. */
export function useRequestSupport(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateSupportRequestBody) =>
      api.post('/api/matches/:matchId/support-requests', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportRequestsQueryKey(matchId) }),
  })
}
