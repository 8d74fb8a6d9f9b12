import { useMutation, useQueryClient } from '@tanstack/react-query'
import { NoteSchema } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { notesQueryKey } from './notes-keys.ts'

/** Edit one of my shared notes. */
export function useEditNote(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ noteId, body }: { noteId: string; body: string }) =>
      api.patch(`/api/notes/${encodeURIComponent(noteId)}`, NoteSchema, { body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notesQueryKey(matchId) }),
  })
}
