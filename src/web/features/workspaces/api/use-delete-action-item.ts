import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { actionItemsQueryKey } from './notes-keys.ts'

/** Delete an action item I added. */
export function useDeleteActionItem(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (actionItemId: string) => api.delete('/api/action-items/:actionItemId', { params: { actionItemId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: actionItemsQueryKey(matchId) }),
  })
}
