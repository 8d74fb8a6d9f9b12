import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SessionStatusBody } from '#contracts/sessions.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey, sessionsQueryKey } from './session-keys.ts'

/** Mark a session held or missed once it has started. */
export function useMarkSession(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: SessionStatusBody }) =>
      api.post('/api/sessions/:sessionId/status', { params: { sessionId }, body }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionQueryKey(session.id), session)
      return queryClient.invalidateQueries({ queryKey: sessionsQueryKey(matchId) })
    },
  })
}
