/** Query keys of a match's sessions; every session write refreshes the match's list and the session itself. */
export const sessionsQueryKey = (matchId: string) => ['sessions', matchId] as const
// The guide page (use-guide-session.ts) reads the same key.
export const sessionQueryKey = (sessionId: string) => ['coaching-session', sessionId] as const
export const sessionSuggestionsQueryKey = (matchId: string, durationMinutes: number) =>
  ['sessions', matchId, 'suggestions', durationMinutes] as const
/** My upcoming sessions across my matches (the home page). */
export const myUpcomingSessionsQueryKey = (limit: number) => ['my-coaching-sessions', limit] as const
