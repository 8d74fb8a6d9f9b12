import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { RespondToMatchBody } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { notificationKeys } from '#web/lib/query-keys.ts'
import { myMatchesQueryKey } from './keys.ts'

/** Accept or decline a match (a decline's reason reaches the program manager only). */
export function useRespondToMatch() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ matchId, ...body }: RespondToMatchBody & { matchId: string }) =>
      api.post('/api/matches/:matchId/respond', { params: { matchId }, body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: myMatchesQueryKey })
      queryClient.invalidateQueries({ queryKey: notificationKeys.all })
    },
  })
}
