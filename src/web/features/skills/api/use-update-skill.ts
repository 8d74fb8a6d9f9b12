import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateSkillBody } from '#contracts/skills.ts'
import { api } from '#web/lib/api-client.ts'
import { skillsQueryKey } from './use-skills.ts'

export function useUpdateSkill() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ skillId, body }: { skillId: string; body: UpdateSkillBody }) =>
      api.patch('/api/skills/:skillId', { params: { skillId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: skillsQueryKey }),
  })
}
