import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingKeys } from '#web/lib/query-keys.ts'
import { programsQueryKey } from './use-programs.ts'

/** Removes a person from the program (not once they are in a published match). */
export function useRemoveEnrollment(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (personId: string) =>
      api.delete('/api/programs/:programId/enrollments/:personId', { params: { programId, personId } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: programsQueryKey })
      queryClient.invalidateQueries({ queryKey: matchingKeys.program(programId) })
    },
  })
}
