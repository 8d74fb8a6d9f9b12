import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateProgramBody } from '#contracts/programs.ts'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

export function useUpdateProgram(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateProgramBody) => api.patch('/api/programs/:programId', { params: { programId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
