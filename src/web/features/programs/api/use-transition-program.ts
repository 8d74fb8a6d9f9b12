import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ProgramStatus } from '#contracts/programs.ts'
import { api } from '#web/lib/api-client.ts'
import { matchingKeys } from '#web/lib/query-keys.ts'
import { programsQueryKey } from './use-programs.ts'

/** Moves the program to its next status; the API refuses (409) a move whose rules do not hold. */
export function useTransitionProgram(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (to: ProgramStatus) =>
      api.post('/api/programs/:programId/transitions', { params: { programId }, body: { to } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: programsQueryKey })
      queryClient.invalidateQueries({ queryKey: matchingKeys.program(programId) })
    },
  })
}
