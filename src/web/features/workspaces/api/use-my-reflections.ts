import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { reflectionsQueryKey } from './notes-keys.ts'

/** My private reflections in this match, newest first. */
export function useMyReflections(matchId: string) {
  return useQuery({
    queryKey: reflectionsQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/reflections', { params: { matchId }, signal }),
  })
}
