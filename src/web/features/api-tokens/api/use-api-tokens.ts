import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { apiTokenKeys } from '#web/lib/query-keys.ts'

/** The organization's API tokens (admin), revoked and expired ones included. */
export function useApiTokens() {
  return useQuery({ queryKey: apiTokenKeys.all, queryFn: () => api.get('/api/api-tokens') })
}
