import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateReflectionBody } from '#contracts/notes.ts'
import { api } from '#web/lib/api-client.ts'
import { reflectionsQueryKey } from './notes-keys.ts'

/** Write a private reflection: only I will ever read it. */
export function useWriteReflection(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateReflectionBody) =>
      api.post('/api/matches/:matchId/reflections', { params: { matchId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reflectionsQueryKey(matchId) }),
  })
}
