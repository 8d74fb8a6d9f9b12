import { useQuery } from '@tanstack/react-query'
import { ActionItemListSchema } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { actionItemsQueryKey, matchPath } from './notes-keys.ts'

/** The match's action items, oldest first. */
export function useActionItems(matchId: string) {
  return useQuery({
    queryKey: actionItemsQueryKey(matchId),
    queryFn: ({ signal }) => api.get(matchPath(matchId, 'action-items'), ActionItemListSchema, { signal }),
  })
}
