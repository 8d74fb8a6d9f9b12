import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { AT_RISK_PAGE_SIZE, type AtRiskSort } from '#contracts/insights.ts'
import { api } from '#web/lib/api-client.ts'
import { insightKeys } from '#web/lib/query-keys.ts'

/**
 * One page of a program's at-risk matches in one order. The dashboard already carries the first
 * page in the default order, so that one is not asked for (`isEnabled: false`).
 */
export function useAtRiskPage(programId: string, query: { sort: AtRiskSort; offset: number }, isEnabled: boolean) {
  return useQuery({
    queryKey: insightKeys.atRisk(programId, query),
    queryFn: ({ signal }) =>
      api.get('/api/programs/:programId/insights/at-risk', {
        params: { programId },
        query: { ...query, limit: AT_RISK_PAGE_SIZE },
        signal,
      }),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  })
}
