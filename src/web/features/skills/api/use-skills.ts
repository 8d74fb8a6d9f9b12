import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

export const skillsQueryKey = ['skills'] as const

export function useSkills() {
  return useQuery({ queryKey: skillsQueryKey, queryFn: () => api.get('/api/skills') })
}
