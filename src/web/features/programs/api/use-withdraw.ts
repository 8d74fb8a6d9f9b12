import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** Withdraw my enrollment while enrollment is open. */
export function useWithdraw(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.delete('/api/programs/:programId/enrollment', { params: { programId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
