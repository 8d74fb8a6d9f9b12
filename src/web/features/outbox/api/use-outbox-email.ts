import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export function useOutboxEmail(emailId: string) {
  return useQuery({
    queryKey: ['outbox', 'email', emailId],
    queryFn: () => api.get('/api/outbox/:id', { params: { id: emailId } }),
  })
}
