import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

export const pendingInvitationQueryKey = (personId: string) => peopleKeys.invitation(personId)

/** The invitation waiting for this person (null when none was sent or it was accepted). */
export function usePendingInvitation(personId: string, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: pendingInvitationQueryKey(personId),
    queryFn: async ({ signal }) => {
      const list = await api.get('/api/invitations', {
        query: { personId, limit: 1 },
        signal,
      })
      return list.invitations[0] ?? null
    },
    enabled: options.isEnabled ?? true,
  })
}
