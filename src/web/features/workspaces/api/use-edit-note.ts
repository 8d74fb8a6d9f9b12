import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notesQueryKey } from './notes-keys.ts'

/** Edit one of my shared notes. */
export function useEditNote(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ noteId, body }: { noteId: string; body: string }) =>
      api.patch('/api/notes/:noteId', { params: { noteId }, body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notesQueryKey(matchId) }),
  })
}
