import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateMilestoneBody } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { storeGoal } from './goal-cache.ts'

/** Add a milestone to my goal. */
export function useAddMilestone() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ goalId, ...body }: CreateMilestoneBody & { goalId: string }) =>
      api.post('/api/goals/:goalId/milestones', { params: { goalId }, body }),
    onSuccess: (goal) => storeGoal(queryClient, goal),
  })
}
