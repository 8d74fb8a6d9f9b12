import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Workspace } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { workspaceQueryKey } from './keys.ts'

/** Accept the version I read (409 agreement_changed when someone changed it meanwhile). */
export function useAcceptAgreement(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: number) =>
      api.post('/api/matches/:matchId/agreement/accept', { params: { matchId }, body: { version } }),
    onSuccess: (agreement) => {
      queryClient.setQueryData<Workspace>(workspaceQueryKey(matchId), (workspace) =>
        workspace ? { ...workspace, agreement } : workspace,
      )
    },
    // A refused acceptance (the agreement changed) shows the new version to read.
    onError: () => queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId) }),
  })
}
