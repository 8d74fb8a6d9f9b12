import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateActionItemBody } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { actionItemsQueryKey } from './notes-keys.ts'

/** Add an action item owned by a member of the match. */
export function useAddActionItem(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateActionItemBody) =>
      api.post('/api/matches/:matchId/action-items', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: actionItemsQueryKey(matchId) }),
  })
}
