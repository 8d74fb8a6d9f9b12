import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { skillKeys } from '#web/lib/query-keys.ts'

export const skillsQueryKey = skillKeys.all

export function useSkills() {
  return useQuery({ queryKey: skillsQueryKey, queryFn: () => api.get('/api/skills') })
}
