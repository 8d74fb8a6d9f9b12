import type { QueryClient } from '@tanstack/react-query'
import type { Goal, Workspace } from '#contracts/workspaces.ts'
import { workspaceQueryKey } from './keys.ts'

/** Puts a goal the server answered into the cached workspace (new goals go last). */
export function storeGoal(queryClient: QueryClient, goal: Goal) {
  queryClient.setQueryData<Workspace>(workspaceQueryKey(goal.matchId), (workspace) => {
    if (!workspace) return workspace
    const exists = workspace.goals.some((item) => item.id === goal.id)
    return {
      ...workspace,
      goals: exists ? workspace.goals.map((item) => (item.id === goal.id ? goal : item)) : [...workspace.goals, goal],
    }
  })
}
