import { useMutation, useQueryClient } from '@tanstack/react-query'
import { WithdrawResultSchema } from '#contracts/enrollments.ts'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** Withdraw my enrollment while enrollment is open. */
export function useWithdraw(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api.request('DELETE', `/api/programs/${encodeURIComponent(programId)}/enrollment`, WithdrawResultSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
