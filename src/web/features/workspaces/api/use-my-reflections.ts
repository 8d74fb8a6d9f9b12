import { useQuery } from '@tanstack/react-query'
import { ReflectionListSchema } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { matchPath, reflectionsQueryKey } from './notes-keys.ts'

/** My private reflections in this match, newest first. */
export function useMyReflections(matchId: string) {
  return useQuery({
    queryKey: reflectionsQueryKey(matchId),
    queryFn: ({ signal }) => api.get(matchPath(matchId, 'reflections'), ReflectionListSchema, { signal }),
  })
}
