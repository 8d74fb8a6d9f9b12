import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const programQueryKey = (programId: string) => programKeys.detail(programId)

/** One program; the route's loader starts it while the page's code loads. */
export const programQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: programQueryKey(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId', { params: { programId }, signal }),
  })

export function useProgram(programId: string) {
  return useQuery(programQueryOptions(programId))
}
