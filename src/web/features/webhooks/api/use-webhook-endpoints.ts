import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

/** The organization's webhook endpoints. */
export function useWebhookEndpoints() {
  return useQuery({ queryKey: webhookKeys.endpoints(), queryFn: () => api.get('/api/admin/webhooks') })
}
