import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { ssoKeys } from '#web/lib/query-keys.ts'

/** The single sign-on buttons of the sign-in page (names and start addresses only). */
export function useSignInOptions() {
  return useQuery({ queryKey: ssoKeys.signInOptions(), queryFn: () => api.get('/api/auth/sign-in-options') })
}
