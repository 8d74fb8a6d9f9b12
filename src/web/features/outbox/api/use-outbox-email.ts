import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { outboxKeys } from '#web/lib/query-keys.ts'

export function useOutboxEmail(emailId: string) {
  return useQuery({
    queryKey: outboxKeys.email(emailId),
    queryFn: () => api.get('/api/outbox/:id', { params: { id: emailId } }),
  })
}
