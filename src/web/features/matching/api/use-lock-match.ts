import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ReviewMatchSchema } from '#contracts/matching.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Locks a proposal (re-runs keep it) or unlocks it. */
export function useLockMatch(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ matchId, isLocked }: { matchId: string; isLocked: boolean }) =>
      api.post(`/api/matches/${encodeURIComponent(matchId)}/${isLocked ? 'lock' : 'unlock'}`, ReviewMatchSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
