import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateApiTokenBody } from '#contracts/api-tokens.ts'
import { api } from '#web/lib/api-client.ts'
import { apiTokenKeys } from '#web/lib/query-keys.ts'

/** Creates a token; its answer holds the secret, the only time it is ever sent. */
export function useCreateApiToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api.post('/api/api-tokens', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  })
}
