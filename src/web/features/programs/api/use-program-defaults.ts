import { queryOptions, useQuery } from '@tanstack/react-query'
import type { ProgramType } from '#contracts/programs.ts'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const programDefaultsQueryOptions = (type: ProgramType) =>
  queryOptions({
    queryKey: programKeys.defaults(type),
    queryFn: ({ signal }) => api.get('/api/programs/defaults', { query: { type }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  })

/** The settings a new program of the type starts from. */
export function useProgramDefaults(type: ProgramType | null) {
  return useQuery({ ...programDefaultsQueryOptions(type ?? 'peer_coaching'), enabled: type !== null })
}
