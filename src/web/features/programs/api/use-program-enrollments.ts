import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { EnrollmentListQuery } from '#contracts/enrollments.ts'
import { api } from '#web/lib/api-client.ts'
import { programKeys } from '#web/lib/query-keys.ts'

export const enrollmentsQueryKey = (programId: string) => programKeys.enrollments(programId)

/** Who enrolled, one page at a time, with counts by department and mentoring role. */
export function useProgramEnrollments(programId: string, query: EnrollmentListQuery) {
  return useQuery({
    queryKey: [...enrollmentsQueryKey(programId), query],
    queryFn: ({ signal }) => api.get('/api/programs/:programId/enrollments', { params: { programId }, query, signal }),
    placeholderData: keepPreviousData,
  })
}
