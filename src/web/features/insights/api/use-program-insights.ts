import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'

/** A program's dashboard; the program route's loader starts it when the Insights tab is asked for. */
export const programInsightsQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: insightKeys.program(programId),
    queryFn: ({ signal }) => api.get('/api/programs/:programId/insights', { params: { programId }, signal }),
  })

/** A program's dashboard: every figure, hidden below the organization's privacy threshold, and the at-risk matches. */
export function useProgramInsights(programId: string) {
  return useQuery(programInsightsQueryOptions(programId))
}
