import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateWebhookEndpointBody } from '#contracts/webhooks.ts'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

export function useUpdateWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ endpointId, body }: { endpointId: string; body: UpdateWebhookEndpointBody }) =>
      api.patch('/api/admin/webhooks/:endpointId', { params: { endpointId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  })
}
