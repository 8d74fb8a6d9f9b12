import type {
  MarkAllReadResult,
  Notification,
  NotificationKind,
  NotificationList,
  UnreadCount,
} from '#contracts/notifications.ts'
import type { Db } from '#server/db/connect.ts'
import type { NotificationRow } from '#server/db/schema.ts'
import { notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import {
  countUnreadNotifications,
  insertNotifications,
  listNotificationsOf,
  updateAllNotificationsRead,
  updateNotificationRead,
} from './notifications.repository.ts'

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.read_at ? row.read_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  }
}

export interface NotificationToSend {
  personId: string
  kind: NotificationKind
  title: string
  body: string
  link: string | null
  /** Also sent by email (SMTP, or the development outbox) when given. */
  email?: { to: string; subject: string; text: string }
}

/** Records in-app notifications; call inside the transaction of the change that causes them. */
export async function recordNotifications(
  db: Db,
  organizationId: string,
  notifications: NotificationToSend[],
): Promise<void> {
  await insertNotifications(
    db,
    notifications.map((n) => ({ organizationId, ...n })),
  )
}

/**
 * Sends the email side of notifications after the change committed. A failing SMTP server does not
 * undo the change: each failure is kept in the outbox with its error, and the count of failures returned.
 */
export async function emailNotifications(
  db: Db,
  mailer: Mailer,
  organizationId: string,
  notifications: NotificationToSend[],
): Promise<{ sent: number; failed: number }> {
  let sent = 0
  let failed = 0
  for (const n of notifications) {
    if (!n.email) continue
    try {
      await mailer.send(db, { organizationId, to: n.email.to, subject: n.email.subject, text: n.email.text })
      sent++
    } catch {
      failed++
    }
  }
  return { sent, failed }
}

/** The viewer's own notifications, newest first, with their unread count. */
export async function listMyNotifications(
  db: Db,
  viewer: Viewer,
  query: { limit: number; unread: boolean; cursor?: string },
): Promise<NotificationList> {
  const [rows, unreadCount] = await Promise.all([
    listNotificationsOf(db, viewer.organizationId, viewer.personId, {
      limit: query.limit + 1,
      isUnreadOnly: query.unread,
      afterId: query.cursor,
    }),
    countUnreadNotifications(db, viewer.organizationId, viewer.personId),
  ])
  const page = rows.slice(0, query.limit)
  return {
    notifications: page.map(toNotification),
    unreadCount,
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  }
}

export async function countMyUnreadNotifications(db: Db, viewer: Viewer): Promise<UnreadCount> {
  return { unreadCount: await countUnreadNotifications(db, viewer.organizationId, viewer.personId) }
}

/** Only the person a notification is for can mark it read; anyone else gets 404. */
export async function markNotificationRead(db: Db, viewer: Viewer, notificationId: string): Promise<Notification> {
  const row = await updateNotificationRead(db, viewer.organizationId, viewer.personId, notificationId)
  if (!row) throw notFound('Notification')
  return toNotification(row)
}

export async function markAllNotificationsRead(db: Db, viewer: Viewer): Promise<MarkAllReadResult> {
  const marked = await updateAllNotificationsRead(db, viewer.organizationId, viewer.personId)
  return { marked, unreadCount: 0 }
}
