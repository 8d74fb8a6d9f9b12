/** Query keys of the wellbeing and fit-and-exits sections (the viewer's own data only). */
export const myCheckInsQueryKey = (matchId: string) => ['workspace', matchId, 'my-check-ins'] as const
export const myWellbeingQueryKey = ['me', 'wellbeing'] as const
export const supportRequestsQueryKey = (matchId: string) => ['workspace', matchId, 'support-requests'] as const
export const fitAndExitsQueryKey = (matchId: string) => ['workspace', matchId, 'fit-and-exits'] as const
