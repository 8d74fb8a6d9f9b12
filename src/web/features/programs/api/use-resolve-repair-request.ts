import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { repairRequestsQueryKey } from './use-repair-requests.ts'

/** A program manager marks an open re-pair request handled; the requester is told. */
export function useResolveRepairRequest(programId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (requestId: string) => api.post('/api/repair-requests/:requestId/resolve', { params: { requestId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: repairRequestsQueryKey(programId) }),
  })
}
