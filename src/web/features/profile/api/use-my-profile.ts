import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { profileKeys } from '#web/lib/query-keys.ts'

export const myProfileQueryOptions = queryOptions({
  queryKey: profileKeys.mine,
  queryFn: () => api.get('/api/me/profile'),
})

export function useMyProfile() {
  return useQuery(myProfileQueryOptions)
}
