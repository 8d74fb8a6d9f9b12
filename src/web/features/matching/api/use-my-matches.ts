import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { myMatchesQueryKey } from './keys.ts'

/** My published matches: partners, why we were matched, and whether each of us accepted. */
export const myMatchesQueryOptions = queryOptions({
  queryKey: myMatchesQueryKey,
  queryFn: ({ signal }) => api.get('/api/me/matches', { signal }),
})

export function useMyMatches() {
  return useQuery(myMatchesQueryOptions)
}
