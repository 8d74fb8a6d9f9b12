import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'
import { skillsQueryKey } from './use-skills.ts'

/** Deleting a skill still on profiles is refused (skill_in_use) unless `force`, which removes it from them. */
export function useDeleteSkill() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ skillId, force }: { skillId: string; force: boolean }) =>
      api.delete('/api/skills/:skillId', { params: { skillId }, query: { force: force ? 'true' : undefined } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: skillsQueryKey })
      queryClient.invalidateQueries({ queryKey: peopleKeys.all })
    },
  })
}
