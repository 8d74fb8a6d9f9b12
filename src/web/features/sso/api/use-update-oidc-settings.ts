import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateSsoSettingsBody } from '#contracts/sso.ts'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

export function useUpdateOidcSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateSsoSettingsBody) => api.put('/api/organization/oidc', { body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(ssoKeys.settings(), settings)
      // The sign-in page's button follows the settings.
      queryClient.invalidateQueries({ queryKey: ssoKeys.signInOptions() })
    },
  })
}
