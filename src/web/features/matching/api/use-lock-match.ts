import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** Locks a proposal (re-runs keep it) or unlocks it. */
export function useLockMatch(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ matchId, isLocked }: { matchId: string; isLocked: boolean }) =>
      isLocked
        ? api.post('/api/matches/:matchId/lock', { params: { matchId } })
        : api.post('/api/matches/:matchId/unlock', { params: { matchId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) }),
  })
}
