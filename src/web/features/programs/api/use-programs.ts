import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const programsQueryKey = programKeys.all

/** Program managers: every program of the organization; participants: those open to them or joined. */
export const programsQueryOptions = queryOptions({
  queryKey: programKeys.list(),
  queryFn: ({ signal }) => api.get('/api/programs', { signal }),
})

export function usePrograms() {
  return useQuery(programsQueryOptions)
}
