import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateSessionBody } from '#contracts/sessions.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey, sessionsQueryKey } from './session-keys.ts'

/** Reschedule a session or change its agenda (the invitation is updated). */
export function useChangeSession(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: UpdateSessionBody }) =>
      api.patch('/api/sessions/:sessionId', { params: { sessionId }, body }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionQueryKey(session.id), session)
      return queryClient.invalidateQueries({ queryKey: sessionsQueryKey(matchId) })
    },
  })
}
