import { useQuery } from '@tanstack/react-query'
import { NoteListSchema } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { matchPath, notesQueryKey } from './notes-keys.ts'

/** The match's shared notes, oldest first. */
export function useNotes(matchId: string) {
  return useQuery({
    queryKey: notesQueryKey(matchId),
    queryFn: ({ signal }) => api.get(matchPath(matchId, 'notes'), NoteListSchema, { signal }),
  })
}
