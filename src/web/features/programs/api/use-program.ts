import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

export const programQueryKey = (programId: string) => [...programsQueryKey, 'detail', programId] as const

export function useProgram(programId: string) {
  return useQuery({
    queryKey: programQueryKey(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId', { params: { programId }, signal }),
  })
}
