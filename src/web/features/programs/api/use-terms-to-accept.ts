import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const termsToAcceptQueryKey = [...programKeys.all, 'terms-to-accept'] as const

/** Programs someone enrolled me in whose confidentiality terms I have not accepted yet. */
export function useTermsToAccept() {
  return useQuery({
    queryKey: termsToAcceptQueryKey,
    queryFn: ({ signal }) => api.get('/api/me/terms-to-accept', { signal }),
  })
}
