import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { jobKeys } from '#web/lib/query-keys.ts'

/** Puts a failed job back in its queue. */
export function useRetryJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (jobId: string) => api.post('/api/admin/jobs/:jobId/retry', { params: { jobId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  })
}
