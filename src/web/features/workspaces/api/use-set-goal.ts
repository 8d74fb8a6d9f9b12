import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateGoalBody } from '#contracts/workspaces.ts'
import { api } from '#web/lib/api-client.ts'
import { storeGoal } from './goal-cache.ts'

/** Set one of my goals in this match (in mentoring only the mentee may). */
export function useSetGoal(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateGoalBody) => api.post('/api/matches/:matchId/goals', { params: { matchId }, body }),
    onSuccess: (goal) => storeGoal(queryClient, goal),
  })
}
