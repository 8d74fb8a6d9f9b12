import { z } from 'zod'
import { EMAIL_CATEGORIES } from './allowed-values.ts'

/** What a notification is about; the web picks an icon and a link from it. */
export const NOTIFICATION_KINDS = [
  'match_published',
  'match_declined',
  'match_active',
  // wellbeing, fit and exits (issue #5 points 8 and 9)
  'support_requested',
  'repair_requested',
  'repair_resolved',
  'match_completed',
  'match_dissolved',
  // completing takes every member's agreement (issue #17 point 1)
  'match_completion_proposed',
  // the unmatched are told, with the reason and what happens next (issue #17 point 2)
  'unmatched_this_time',
  // sessions (issue #5 point 4)
  'session_scheduled',
  'session_rescheduled',
  'session_cancelled',
  // agreement, reminders, surveys, nudges and digests (issue #6 point 6)
  'agreement_to_accept',
  'session_reminder',
  'feedback_due',
  'fit_survey_due',
  'closing_survey_due',
  'match_nudge',
  'program_digest',
  // data rights (issue #11 point 4)
  'data_exported',
] as const
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKindSchema>

/** An in-app notification of the signed-in person. */
export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the web app ("/me/matches"), or null. */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Notification = z.infer<typeof NotificationSchema>

export const NotificationListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** 'true' lists unread notifications only. */
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** The `nextCursor` of the previous page. */
  cursor: z.uuid('is not a valid cursor').optional(),
})
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>

/** Newest first; `nextCursor` is null on the last page; `unreadCount` counts every unread one. */
export const NotificationListSchema = z.object({
  notifications: z.array(NotificationSchema),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type NotificationList = z.infer<typeof NotificationListSchema>

export const UnreadCountSchema = z.object({ unreadCount: z.number().int() })
export type UnreadCount = z.infer<typeof UnreadCountSchema>

export const NotificationParamsSchema = z.object({ id: z.uuid('is not a valid notification id') })

export const MarkAllReadResultSchema = z.object({ marked: z.number().int(), unreadCount: z.number().int() })
export type MarkAllReadResult = z.infer<typeof MarkAllReadResultSchema>

// ---- email preferences (issue #6 point 6) -------------------------------------------------------

export { EMAIL_CATEGORIES }
export const EmailCategorySchema = z.enum(EMAIL_CATEGORIES, { error: `must be one of ${EMAIL_CATEGORIES.join(', ')}` })
export type EmailCategory = z.infer<typeof EmailCategorySchema>

/** Each notification kind's email category: the one its email's unsubscribe link turns off. */
export const EMAIL_CATEGORY_OF_KIND: Record<NotificationKind, EmailCategory> = {
  match_published: 'matches',
  match_declined: 'matches',
  match_active: 'matches',
  match_completed: 'matches',
  match_dissolved: 'matches',
  match_completion_proposed: 'matches',
  unmatched_this_time: 'matches',
  support_requested: 'support',
  repair_requested: 'support',
  repair_resolved: 'matches',
  session_scheduled: 'session_changes',
  session_rescheduled: 'session_changes',
  session_cancelled: 'session_changes',
  agreement_to_accept: 'agreements',
  session_reminder: 'session_reminders',
  feedback_due: 'feedback_due',
  fit_survey_due: 'surveys',
  closing_survey_due: 'surveys',
  match_nudge: 'nudges',
  program_digest: 'program_digest',
  data_exported: 'account',
}

/** Words for each category, shared by the preferences page and the unsubscribe page. */
export const EMAIL_CATEGORY_LABELS: Record<EmailCategory, { label: string; description: string }> = {
  matches: { label: 'Matches', description: 'A new match, and when a match starts, ends or is re-paired.' },
  agreements: { label: 'Agreements', description: 'A partner proposed or changed your coaching agreement.' },
  session_changes: {
    label: 'Session invitations',
    description: 'A session was scheduled, moved or cancelled (with a calendar invitation).',
  },
  session_reminders: { label: 'Session reminders', description: 'A day and an hour before each session.' },
  feedback_due: { label: 'Feedback due', description: 'After a session, when your feedback is still open.' },
  surveys: { label: 'Surveys', description: 'The pairing-fit question and the closing survey.' },
  nudges: { label: 'Nudges', description: 'When your match has not met for a while.' },
  support: { label: 'Support requests', description: 'Someone asked you for support or to be re-paired.' },
  program_digest: {
    label: 'Weekly program digest',
    description: 'For program managers: the week in your programs and the matches that need attention.',
  },
  account: { label: 'Your data', description: 'An admin downloaded a copy of your personal data at your request.' },
}

export const EmailPreferencesSchema = z.object({
  /** Every category with whether its emails are sent. */
  categories: z.array(
    z.object({ category: EmailCategorySchema, label: z.string(), description: z.string(), isEnabled: z.boolean() }),
  ),
})
export type EmailPreferences = z.infer<typeof EmailPreferencesSchema>

/** Only the categories given change. */
export const UpdateEmailPreferencesSchema = z.strictObject({
  categories: z
    .array(z.strictObject({ category: EmailCategorySchema, isEnabled: z.boolean() }))
    .min(1, 'must name at least one category'),
})
export type UpdateEmailPreferences = z.infer<typeof UpdateEmailPreferencesSchema>

/** The unsubscribe link's token (it replaces a sign-in, so it is long and random). */
export const UnsubscribeParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'is not a valid unsubscribe link'),
})

/** What the unsubscribe page shows before and after: whose address (masked) and each category. */
export const UnsubscribeInfoSchema = z.object({
  /** "a***@example.com": enough to recognise, not enough to harvest. */
  maskedEmail: z.string(),
  categories: EmailPreferencesSchema.shape.categories,
})
export type UnsubscribeInfo = z.infer<typeof UnsubscribeInfoSchema>

/** The RFC 8058 one-click address names the category of the email it came in. */
export const UnsubscribeOneClickQuerySchema = z.strictObject({ category: EmailCategorySchema })

/** One category, or every email that can be turned off. */
export const UnsubscribeRequestSchema = z.union([
  z.strictObject({ category: EmailCategorySchema }),
  z.strictObject({ all: z.literal(true) }),
])
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequestSchema>
