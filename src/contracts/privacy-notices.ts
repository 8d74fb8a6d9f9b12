/**
 * What a program manager will see of each answer, said where the question is asked. One wording per
 * question, used by every form that asks it, so the promise and the server's rule (aggregates only
 * over at least the organization's privacy threshold, see insights/privacy-threshold.ts) cannot drift
 * apart. `threshold` is the organization's; null while it loads.
 */

export const PRIVACY_QUESTIONS = [
  'fit',
  'closing_survey',
  'feedback',
  'check_in',
  'repair_request',
  'decline',
  'end_match',
] as const
export type PrivacyQuestion = (typeof PRIVACY_QUESTIONS)[number]

const atLeast = (threshold: number | null) =>
  threshold === null ? "your organization's privacy threshold of people" : `at least ${threshold} people`

/** The sentence shown with a question: who reads the answer, and what the program manager sees of it. */
export function privacyNotice(question: PrivacyQuestion, threshold: number | null, partner = 'Your partner'): string {
  switch (question) {
    case 'fit':
      return `${partner} never sees your answer. Your program manager sees only that a fit concern was raised in your match (a fit of 1 or 2, or “No” to keeping the pairing), never which of you raised it, your answer or your comment; totals appear only over ${atLeast(threshold)}.`
    case 'closing_survey':
      return `${partner} never sees your answers. Your program manager sees only totals over ${atLeast(threshold)} (average satisfaction, the recommendation score, skill growth), never your answers or your comment.`
    case 'feedback':
      return `${partner} reads your feedback and ratings. Your program manager sees only average ratings over ${atLeast(threshold)} who gave feedback, never your words or your ratings.`
    case 'check_in':
      return `Only you see your check-ins and notes: not ${partner === 'Your partner' ? 'your partner' : partner}, not your program manager, not an admin. Your program manager sees only weekly averages of mood and stress over ${atLeast(threshold)}.`
    case 'repair_request':
      return `This request is addressed to your program managers: they read it with your name and your reason, to find you a new partner. ${partner} does not see it.`
    case 'decline':
      return `Your reason is addressed to your program managers: they read it with your name. ${partner} sees that you declined, never your reason.`
    case 'end_match':
      return `Your reason is addressed to your program managers: they read it with your name. ${partner} is told only that the match ended.`
  }
}
