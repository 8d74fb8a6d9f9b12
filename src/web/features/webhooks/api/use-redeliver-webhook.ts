import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

/** Sends a delivery again (same webhook-id). */
export function useRedeliverWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) =>
      api.post('/api/admin/webhooks/:endpointId/deliveries/:deliveryId/redeliver', {
        params: { endpointId, deliveryId },
      }),
    onSuccess: (_result, { endpointId }) =>
      queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) }),
  })
}
