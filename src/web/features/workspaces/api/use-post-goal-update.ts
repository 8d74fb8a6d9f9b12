import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { PostGoalUpdateBody } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { storeGoal } from './goal-cache.ts'

/** Post progress on my goal (0-100, with an optional note) or comment on a partner's goal. */
export function usePostGoalUpdate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ goalId, ...body }: PostGoalUpdateBody & { goalId: string }) =>
      api.post('/api/goals/:goalId/updates', { params: { goalId }, body }),
    onSuccess: (goal) => storeGoal(queryClient, goal),
  })
}
