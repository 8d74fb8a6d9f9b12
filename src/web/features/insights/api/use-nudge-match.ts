import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchHealthQueryKey } from './use-match-health.ts'

/** Sends the match's members a nudge to plan their next session (once per match and day). */
export function useNudgeMatch(programId: string, matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/programs/:programId/matches/:matchId/nudge', { params: { programId, matchId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: matchHealthQueryKey(programId, matchId) }),
  })
}
