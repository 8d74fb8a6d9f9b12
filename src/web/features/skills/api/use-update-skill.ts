import { useMutation, useQueryClient } from '@tanstack/react-query'
import { SkillSchema, type UpdateSkillBody } from '#contracts/skills.ts'
import { api } from '#web/lib/api-client.ts'
import { skillsQueryKey } from './use-skills.ts'

export function useUpdateSkill() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ skillId, body }: { skillId: string; body: UpdateSkillBody }) =>
      api.patch(`/api/skills/${encodeURIComponent(skillId)}`, SkillSchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: skillsQueryKey }),
  })
}
