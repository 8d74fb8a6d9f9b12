import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateGoalBody } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { storeGoal } from './goal-cache.ts'

/** Change my goal: wording, due date or status (achieved, dropped, active again). */
export function useChangeGoal() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ goalId, ...body }: UpdateGoalBody & { goalId: string }) =>
      api.patch('/api/goals/:goalId', { params: { goalId }, body }),
    onSuccess: (goal) => storeGoal(queryClient, goal),
  })
}
