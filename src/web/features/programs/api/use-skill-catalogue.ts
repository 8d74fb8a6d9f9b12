import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** The organization's skills: focus skills, skills wanted and offered. */
export function useSkillCatalogue() {
  return useQuery({
    queryKey: ['skills'],
    queryFn: () => api.get('/api/skills'),
    staleTime: 5 * 60_000,
  })
}
