// The lists of allowed values (and the limits) that the web app's first download reads: its router
// and the query options it imports. Free of Zod on purpose: importing a constant from a module that
// builds schemas puts Zod and all of that module's schemas into the entry chunk, where they are
// downloaded and evaluated before the first paint (decision 031). The schema modules re-export them.

export const ROLES = ['admin', 'program_manager', 'participant'] as const

/** invited: no password yet; active: can sign in; deactivated: left or blocked, history kept. */
export const PERSON_STATUSES = ['invited', 'active', 'deactivated'] as const

/**
 * What a person can choose to get by email. In-app notifications always arrive; invitations and
 * password resets are not in a category (they are the account itself) and cannot be turned off.
 */
export const EMAIL_CATEGORIES = [
  'matches',
  'agreements',
  'session_changes',
  'session_reminders',
  'feedback_due',
  'surveys',
  'nudges',
  'support',
  'program_digest',
  'account',
] as const

export const MY_UPCOMING_SESSIONS_DEFAULT = 5
