import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateSkillBody } from '#contracts/skills.ts'
import { api } from '#web/lib/api-client.ts'
import { skillsQueryKey } from './use-skills.ts'

export function useCreateSkill() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateSkillBody) => api.post('/api/skills', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: skillsQueryKey }),
  })
}
