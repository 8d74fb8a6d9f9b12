import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateWebhookEndpointBody } from '#contracts/webhooks.ts'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateWebhookEndpointBody) => api.post('/api/admin/webhooks', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  })
}
