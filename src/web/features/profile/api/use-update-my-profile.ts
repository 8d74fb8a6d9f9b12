import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateOwnProfileBody } from '#contracts/people.ts'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { sessionQueryKey } from '#web/lib/session.ts'
import { myProfileQueryOptions } from './use-my-profile.ts'

export function useUpdateMyProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateOwnProfileBody) => api.patch('/api/me/profile', { body }),
    onSuccess: (person) => {
      queryClient.setQueryData(myProfileQueryOptions.queryKey, person)
      // The header shows the viewer's name, which the profile may have changed.
      queryClient.invalidateQueries({ queryKey: sessionQueryKey })
      queryClient.invalidateQueries({ queryKey: peopleKeys.all })
    },
  })
}
