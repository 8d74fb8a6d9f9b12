import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { authKeys } from '#web/lib/query-keys.ts'

/** Who is invited to which organization, before they choose a password. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: authKeys.invitationPreview(token),
    queryFn: () => api.get('/api/invitations/:token', { params: { token } }),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  })
}
