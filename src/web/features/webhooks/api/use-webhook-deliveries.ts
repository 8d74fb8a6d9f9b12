import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

/** An endpoint's latest deliveries with their attempts; refreshed while shown, as retries land. */
export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(endpointId),
    queryFn: () => api.get('/api/admin/webhooks/:endpointId/deliveries', { params: { endpointId } }),
    refetchInterval: 3_000,
  })
}
