import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const myEnrollmentQueryKey = (programId: string) => programKeys.myEnrollment(programId)

/** My enrollment, or a draft pre-filled from my profile, and whether I may enroll now. */
export function useMyEnrollment(programId: string) {
  return useQuery({
    queryKey: myEnrollmentQueryKey(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId/enrollment', { params: { programId }, signal }),
  })
}
