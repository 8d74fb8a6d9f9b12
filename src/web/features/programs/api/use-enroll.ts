import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { EnrollBody } from '#contracts/enrollments.ts'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** Enroll, or change my enrollment while enrollment is open. */
export function useEnroll(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EnrollBody) => api.put('/api/programs/:programId/enrollment', { params: { programId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
