import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { skillKeys } from '#web/lib/query-keys.ts'

/**
 * The organization's skills to choose from (a profile's skills wanted and offered, a program's focus
 * skills, an enrollment): several features share it, so it lives in lib (decision 023).
 */
export function useSkillCatalogue() {
  return useQuery({
    queryKey: skillKeys.all,
    queryFn: () => api.get('/api/skills'),
    staleTime: 5 * 60_000,
  })
}
