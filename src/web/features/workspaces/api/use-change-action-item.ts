import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ActionItemList, UpdateActionItemBody } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { actionItemsQueryKey } from './notes-keys.ts'

/** Change an action item or mark it done or not done (any member). */
export function useChangeActionItem(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ actionItemId, changes }: { actionItemId: string; changes: UpdateActionItemBody }) =>
      api.patch('/api/action-items/:actionItemId', { params: { actionItemId }, body: changes }),
    onSuccess: (item) =>
      queryClient.setQueryData<ActionItemList>(actionItemsQueryKey(matchId), (list) =>
        list ? { actionItems: list.actionItems.map((a) => (a.id === item.id ? item : a)) } : list,
      ),
  })
}
