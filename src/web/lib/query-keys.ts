// Every cached query's key, one factory per feature. They live here rather than in the features
// because a feature's write often refreshes another's data (an import refreshes the directory, a
// theme change refreshes programs and insights) and features do not import each other. A key
// starts with its feature's root, so invalidating `people.all` refreshes every people query.

export const sessionKeys = {
  current: ['session'] as const,
}

export const setupKeys = {
  status: ['setup-status'] as const,
}

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
}

export const auditKeys = {
  all: ['audit-events'] as const,
  actors: () => [...auditKeys.all, 'actors'] as const,
  events: (filters: object) => [...auditKeys.all, filters] as const,
}

export const authKeys = {
  mfa: ['auth', 'mfa'] as const,
  mfaPolicy: ['auth', 'mfa-policy'] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
}

export const ssoKeys = {
  all: ['sso'] as const,
  settings: () => [...ssoKeys.all, 'settings'] as const,
  signInOptions: () => [...ssoKeys.all, 'sign-in-options'] as const,
  admins: () => [...ssoKeys.all, 'admins'] as const,
  scim: () => [...ssoKeys.all, 'scim'] as const,
}

export const organizationKeys = {
  all: ['organization'] as const,
  dataRetention: () => [...organizationKeys.all, 'data-retention'] as const,
}

export const exerciseKeys = {
  all: ['exercises'] as const,
  forSessions: () => [...exerciseKeys.all, 'for-sessions'] as const,
  questions: ['coaching-questions'] as const,
}

export const insightKeys = {
  all: ['insights'] as const,
  overview: () => [...insightKeys.all, 'overview'] as const,
  program: (programId: string) => [...insightKeys.all, 'program', programId] as const,
  retention: () => [...insightKeys.all, 'retention'] as const,
  matchHealth: (programId: string, matchId: string) => [...insightKeys.program(programId), 'match', matchId] as const,
  atRisk: (programId: string, query: { sort: string; offset: number }) =>
    [...insightKeys.program(programId), 'at-risk', query] as const,
}

export const jobKeys = {
  all: ['jobs'] as const,
  list: (state: unknown) => [...jobKeys.all, state] as const,
}

export const webhookKeys = {
  all: ['webhooks'] as const,
  endpoints: () => [...webhookKeys.all, 'endpoints'] as const,
  deliveries: (endpointId: string) => [...webhookKeys.all, 'deliveries', endpointId] as const,
}

export const matchingKeys = {
  /** A program's matching data; every adjustment refreshes all of it. */
  program: (programId: string) => ['matching', programId] as const,
  run: (runId: string | null) => ['matching-run', runId] as const,
  myMatches: ['my-matches'] as const,
}

export const notificationKeys = {
  all: ['notifications'] as const,
  emailPreferences: ['email-preferences'] as const,
  unsubscribe: (token: string) => ['unsubscribe', token] as const,
}

export const outboxKeys = {
  all: ['outbox'] as const,
  list: () => [...outboxKeys.all, 'list'] as const,
  email: (emailId: string) => [...outboxKeys.all, 'email', emailId] as const,
}

export const peopleKeys = {
  all: ['people'] as const,
  lists: () => [...peopleKeys.all, 'list'] as const,
  list: (query: object) => [...peopleKeys.all, 'list', query] as const,
  facets: () => [...peopleKeys.all, 'facets'] as const,
  person: (personId: string) => [...peopleKeys.all, 'person', personId] as const,
  invitation: (personId: string) => [...peopleKeys.all, 'invitation', personId] as const,
  invitationCounts: (selection: object) => [...peopleKeys.all, 'invitation-counts', selection] as const,
}

export const profileKeys = {
  mine: ['me', 'profile'] as const,
}

export const programKeys = {
  all: ['programs'] as const,
  list: () => [...programKeys.all, 'list'] as const,
  detail: (programId: string) => [...programKeys.all, 'detail', programId] as const,
  defaults: (type: string) => [...programKeys.all, 'defaults', type] as const,
  enrollments: (programId: string) => [...programKeys.all, 'enrollments', programId] as const,
  myEnrollment: (programId: string) => [...programKeys.all, 'my-enrollment', programId] as const,
  feedbackSummary: (programId: string) => [...programKeys.all, 'feedback-summary', programId] as const,
  repairRequests: (programId: string) => [...programKeys.all, 'repair-requests', programId] as const,
}

export const skillKeys = {
  all: ['skills'] as const,
}

export const themeKeys = {
  all: ['themes'] as const,
}

export const workspaceKeys = {
  /** One match's workspace; a section's writes refresh its own key (and the workspace when it shows there). */
  match: (matchId: string) => ['workspace', matchId] as const,
  notes: (matchId: string) => [...workspaceKeys.match(matchId), 'notes'] as const,
  /** My own reflections only: never shared with anyone, so never cached under a key others could read. */
  myReflections: (matchId: string) => [...workspaceKeys.match(matchId), 'my-reflections'] as const,
  actionItems: (matchId: string) => [...workspaceKeys.match(matchId), 'action-items'] as const,
}

export const coachingSessionKeys = {
  /** A match's sessions; every session write refreshes the match's list and the session itself. */
  ofMatch: (matchId: string) => ['sessions', matchId] as const,
  /** Under the match's sessions: marking a session held (a sessions write) opens feedback for it. */
  feedback: (matchId: string) => [...coachingSessionKeys.ofMatch(matchId), 'feedback'] as const,
  suggestions: (matchId: string, durationMinutes: number) =>
    [...coachingSessionKeys.ofMatch(matchId), 'suggestions', durationMinutes] as const,
  /** One session (the workspace and the session guide page read the same key). */
  session: (sessionId: string) => ['coaching-session', sessionId] as const,
  /** My upcoming sessions across my matches (the home page), every page size. */
  allMyUpcoming: () => ['my-coaching-sessions'] as const,
  myUpcoming: (limit: number) => [...coachingSessionKeys.allMyUpcoming(), limit] as const,
}

export const systemKeys = {
  all: ['system'] as const,
  status: () => [...systemKeys.all, 'status'] as const,
}
