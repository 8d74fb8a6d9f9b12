import { useMutation } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** Shows the endpoint's signing secret (each reveal is audited), or replaces it with a new one. */
export function useWebhookSecret() {
  return useMutation({
    mutationFn: ({ endpointId, action }: { endpointId: string; action: 'reveal' | 'rotate' }) =>
      action === 'reveal'
        ? api.post('/api/admin/webhooks/:endpointId/secret/reveal', { params: { endpointId } })
        : api.post('/api/admin/webhooks/:endpointId/secret/rotate', { params: { endpointId } }),
  })
}
