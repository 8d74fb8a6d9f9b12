import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const myProfileQueryOptions = queryOptions({
  queryKey: ['me', 'profile'],
  queryFn: () => api.get('/api/me/profile'),
})

export function useMyProfile() {
  return useQuery(myProfileQueryOptions)
}
