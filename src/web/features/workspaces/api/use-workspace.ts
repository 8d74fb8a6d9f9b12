import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { workspaceQueryKey } from './keys.ts'

/** My match's workspace: partners, the program's confidentiality terms, the agreement and everyone's goals. */
export function useWorkspace(matchId: string) {
  return useQuery({
    queryKey: workspaceQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/workspace', { params: { matchId }, signal }),
  })
}
