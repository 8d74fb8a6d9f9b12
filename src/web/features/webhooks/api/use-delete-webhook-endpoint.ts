import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { webhookKeys } from '#web/lib/query-keys.ts'

export function useDeleteWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (endpointId: string) => api.delete('/api/admin/webhooks/:endpointId', { params: { endpointId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  })
}
