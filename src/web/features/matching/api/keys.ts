import { matchingKeys } from '#web/lib/query-keys.ts'
/** Query keys of a program's matching data; every adjustment refreshes them all. */
export const matchingQueryKey = (programId: string) => matchingKeys.program(programId)
export const myMatchesQueryKey = matchingKeys.myMatches
