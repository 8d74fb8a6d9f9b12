import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { reflectionsQueryKey } from './notes-keys.ts'

/** Rewrite one of my reflections. */
export function useEditReflection(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ reflectionId, body }: { reflectionId: string; body: string }) =>
      api.patch('/api/reflections/:reflectionId', { params: { reflectionId }, body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reflectionsQueryKey(matchId) }),
  })
}
