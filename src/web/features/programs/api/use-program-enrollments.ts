import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { EnrollmentListQuery } from '#contracts/enrollments.ts'
import { api } from '#web/lib/api-client.ts'
import { programsQueryKey } from './use-programs.ts'

export const enrollmentsQueryKey = (programId: string) => [...programsQueryKey, 'enrollments', programId] as const

/** Who enrolled, one page at a time, with counts by department and mentoring role. */
export function useProgramEnrollments(programId: string, query: EnrollmentListQuery) {
  return useQuery({
    queryKey: [...enrollmentsQueryKey(programId), query],
    queryFn: ({ signal }) => api.get('/api/programs/:programId/enrollments', { params: { programId }, query, signal }),
    placeholderData: keepPreviousData,
  })
}
