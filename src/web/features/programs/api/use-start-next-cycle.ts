import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** A new draft with the same settings that pairs people with peers they have not had yet. */
export function useStartNextCycle(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/api/programs/:programId/next-cycle', { params: { programId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
