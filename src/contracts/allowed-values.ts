// The lists of allowed values (and limits) that the web app's first download, or a page's first
// view, reads: the router, the query options it imports, the program overview's status actions.
// Free of Zod on purpose: importing a constant from a module that builds schemas puts Zod and all of
// that module's schemas into the chunk, to be downloaded and evaluated before the page can paint
// (decision 031). The schema modules re-export them.

export const ROLES = ['admin', 'program_manager', 'participant'] as const

/** invited: no password yet; active: can sign in; deactivated: left or blocked, history kept. */
export const PERSON_STATUSES = ['invited', 'active', 'deactivated'] as const

/** A person's one status as every page words it: stored status plus whether an invitation link is waiting. */
export const ACCESS_STATUSES = ['not_invited', 'invited', 'active', 'deactivated'] as const
export type AccessStatus = (typeof ACCESS_STATUSES)[number]

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

export const PROGRAM_STATUSES = ['draft', 'enrolling', 'matching', 'active', 'completed', 'archived'] as const

/**
 * The moves the status machine allows. Late enrollees are matched while the program stays active,
 * so there is no way back from active to matching; matching -> enrolling reopens enrollment.
 */
export const PROGRAM_TRANSITIONS: Record<
  (typeof PROGRAM_STATUSES)[number],
  readonly (typeof PROGRAM_STATUSES)[number][]
> = {
  draft: ['enrolling', 'archived'],
  enrolling: ['matching', 'archived'],
  matching: ['enrolling', 'active'],
  active: ['completed'],
  completed: ['archived'],
  archived: [],
}
