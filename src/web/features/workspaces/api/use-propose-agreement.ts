import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ProposeAgreementBody, Workspace } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { workspaceQueryKey } from './keys.ts'

/** Propose the agreement, or change it: a change asks every other member to accept again. */
export function useProposeAgreement(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProposeAgreementBody) =>
      api.put('/api/matches/:matchId/agreement', { params: { matchId }, body }),
    onSuccess: (agreement) => {
      queryClient.setQueryData<Workspace>(workspaceQueryKey(matchId), (workspace) =>
        workspace ? { ...workspace, agreement } : workspace,
      )
      queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId) })
    },
  })
}
