import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { skillKeys } from '#web/lib/query-keys.ts'

/** The organization's skills, to choose from on a profile. */
export function useSkillCatalogue() {
  return useQuery({
    queryKey: skillKeys.all,
    queryFn: () => api.get('/api/skills'),
    staleTime: 5 * 60_000,
  })
}
