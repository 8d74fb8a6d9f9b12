import { z } from 'zod'

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
  // sessions (issue #5 point 4)
  'session_scheduled',
  'session_rescheduled',
  'session_cancelled',
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

export const NotificationListQuerySchema = z.object({
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
