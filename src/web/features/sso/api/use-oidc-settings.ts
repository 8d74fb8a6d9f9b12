import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** The organization's single sign-on settings (the client secret is never answered, only whether it is set). */
export function useOidcSettings() {
  return useQuery({ queryKey: ssoKeys.settings(), queryFn: () => api.get('/api/organization/oidc') })
}
