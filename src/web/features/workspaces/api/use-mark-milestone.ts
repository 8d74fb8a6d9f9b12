import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { storeGoal } from './goal-cache.ts'

/** Tick a milestone of my goal off, or open it again. */
export function useMarkMilestone() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ goalId, milestoneId, isDone }: { goalId: string; milestoneId: string; isDone: boolean }) =>
      api.patch('/api/goals/:goalId/milestones/:milestoneId', { params: { goalId, milestoneId }, body: { isDone } }),
    onSuccess: (goal) => storeGoal(queryClient, goal),
  })
}
