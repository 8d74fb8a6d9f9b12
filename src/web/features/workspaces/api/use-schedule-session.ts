import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateSessionBody } from '#contracts/sessions.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionsQueryKey } from './session-keys.ts'

/** Schedule a session, or a series at the program's cadence; the other members are invited. */
export function useScheduleSession(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateSessionBody) => api.post('/api/matches/:matchId/sessions', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey(matchId) }),
  })
}
