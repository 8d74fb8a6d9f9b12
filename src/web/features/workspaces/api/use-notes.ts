import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { notesQueryKey } from './notes-keys.ts'

/** The match's shared notes, oldest first. */
export function useNotes(matchId: string) {
  return useQuery({
    queryKey: notesQueryKey(matchId),
    queryFn: ({ signal }) => api.get('/api/matches/:matchId/notes', { params: { matchId }, signal }),
  })
}
