import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { workspaceQueryKey } from './keys.ts'

/** My match's workspace: partners, the program's confidentiality terms, the agreement and everyone's goals. */
export const workspaceQueryOptions = (matchId: string) =>
  queryOptions({
    queryKey: workspaceQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/workspace', { params: { matchId }, signal }),
  })

export function useWorkspace(matchId: string) {
  return useQuery(workspaceQueryOptions(matchId))
}
