import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { reflectionsQueryKey } from './notes-keys.ts'

/** Delete one of my reflections. */
export function useDeleteReflection(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (reflectionId: string) => api.delete('/api/reflections/:reflectionId', { params: { reflectionId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reflectionsQueryKey(matchId) }),
  })
}
