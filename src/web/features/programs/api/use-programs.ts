import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const programsQueryKey = ['programs'] as const

/** Program managers: every program of the organization; participants: those open to them or joined. */
export const programsQueryOptions = queryOptions({
  queryKey: [...programsQueryKey, 'list'],
  queryFn: ({ signal }) => api.get('/api/programs', { signal }),
})

export function usePrograms() {
  return useQuery(programsQueryOptions)
}
