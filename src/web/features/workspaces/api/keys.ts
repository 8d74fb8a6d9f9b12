/** Query keys of one match's workspace; a section's writes refresh its own key (and the workspace when it shows there). */
export const workspaceQueryKey = (matchId: string) => ['workspace', matchId] as const
