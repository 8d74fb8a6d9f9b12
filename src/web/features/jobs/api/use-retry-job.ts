import { useMutation, useQueryClient } from '@tanstack/react-query'
import { JobSchema } from '#contracts/jobs.ts'
import { api } from '#web/lib/api-client.ts'

/** Puts a failed job back in its queue. */
export function useRetryJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (jobId: string) => api.post(`/api/admin/jobs/${jobId}/retry`, JobSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  })
}
