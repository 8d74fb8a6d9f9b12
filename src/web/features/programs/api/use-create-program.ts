import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateProgramBody } from '#contracts/programs.ts'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

/** Creates a draft program. */
export function useCreateProgram() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateProgramBody) => api.post('/api/programs', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programsQueryKey }),
  })
}
