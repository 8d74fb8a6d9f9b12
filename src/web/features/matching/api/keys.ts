/** Query keys of a program's matching data; every adjustment refreshes them all. */
export const matchingQueryKey = (programId: string) => ['matching', programId] as const
export const myMatchesQueryKey = ['my-matches'] as const
