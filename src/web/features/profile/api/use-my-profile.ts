import { queryOptions, useQuery } from '@tanstack/react-query'
import { PersonSchema } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'

export const myProfileQueryOptions = queryOptions({
  queryKey: ['me', 'profile'],
  queryFn: () => api.get('/api/me/profile', PersonSchema),
})

export function useMyProfile() {
  return useQuery(myProfileQueryOptions)
}
