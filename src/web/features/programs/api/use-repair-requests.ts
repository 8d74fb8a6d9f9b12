import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const repairRequestsQueryKey = (programId: string) => programKeys.repairRequests(programId)

/** The program's re-pair requests with their reasons (program managers and admins): open ones, or all. */
export function useRepairRequests(programId: string, status: 'open' | 'all') {
  return useQuery({
    queryKey: [...repairRequestsQueryKey(programId), status],
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/repair-requests', { params: { programId }, query: { status }, signal }),
  })
}
