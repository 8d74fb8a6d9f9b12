import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateNoteBody } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { notesQueryKey } from './notes-keys.ts'

/** Add a shared note: every member of the match reads it. */
export function useAddNote(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateNoteBody) => api.post('/api/matches/:matchId/notes', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notesQueryKey(matchId) }),
  })
}
