import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

export const programQueryKey = (programId: string) => [...programsQueryKey, 'detail', programId] as const

/** One program; the route's loader starts it while the page's code loads. */
export const programQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: programQueryKey(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId', { params: { programId }, signal }),
  })

export function useProgram(programId: string) {
  return useQuery(programQueryOptions(programId))
}
