import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey } from './session-keys.ts'

/** One session of my match, for its guide: roles, focus, chosen exercises and everyone's local time. */
export function useGuideSession(sessionId: string) {
  return useQuery({
    queryKey: sessionQueryKey(sessionId),
    queryFn: ({ signal }) => api.get('/api/sessions/:sessionId', { params: { sessionId }, signal }),
  })
}
