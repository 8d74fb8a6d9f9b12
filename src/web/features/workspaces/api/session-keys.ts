import { coachingSessionKeys } from '#web/lib/query-keys.ts'
/** Query keys of a match's sessions (the factory is coachingSessionKeys in src/web/lib/query-keys.ts). */
export const sessionsQueryKey = coachingSessionKeys.ofMatch
export const sessionQueryKey = coachingSessionKeys.session
export const sessionSuggestionsQueryKey = coachingSessionKeys.suggestions
export const myUpcomingSessionsQueryKey = coachingSessionKeys.myUpcoming
