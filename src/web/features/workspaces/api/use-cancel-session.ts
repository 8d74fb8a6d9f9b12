import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CancelSessionBody } from '#contracts/sessions.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey, sessionsQueryKey } from './session-keys.ts'

/** Cancel a scheduled session; the others get the cancelled invitation. */
export function useCancelSession(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: CancelSessionBody }) =>
      api.post('/api/sessions/:sessionId/cancel', { params: { sessionId }, body }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionQueryKey(session.id), session)
      return queryClient.invalidateQueries({ queryKey: sessionsQueryKey(matchId) })
    },
  })
}
