import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notesQueryKey } from './notes-keys.ts'

/** Delete one of my shared notes. */
export function useDeleteNote(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (noteId: string) => api.delete('/api/notes/:noteId', { params: { noteId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notesQueryKey(matchId) }),
  })
}
