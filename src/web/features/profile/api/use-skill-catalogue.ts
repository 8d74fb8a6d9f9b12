import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** The organization's skills, to choose from on a profile. */
export function useSkillCatalogue() {
  return useQuery({
    queryKey: ['skills'],
    queryFn: () => api.get('/api/skills'),
    staleTime: 5 * 60_000,
  })
}
