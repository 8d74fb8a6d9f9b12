import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { EnrollPeopleBody } from '#contracts/enrollments.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingKeys } from '#web/lib/query-keys.ts'
import { programsQueryKey } from './use-programs.ts'

/** A program manager enrolls people on their behalf. */
export function useEnrollPeople(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EnrollPeopleBody) =>
      api.post('/api/programs/:programId/enrollments', { params: { programId }, body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: programsQueryKey })
      queryClient.invalidateQueries({ queryKey: matchingKeys.program(programId) })
    },
  })
}
