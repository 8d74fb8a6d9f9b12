import {
  EMAIL_CATEGORY_LABELS,
  EMAIL_CATEGORY_OF_KIND,
  type EmailCategory,
  type MarkAllReadResult,
  type Notification,
  type NotificationKind,
  type NotificationList,
  type UnreadCount,
} from '#contracts/notifications.ts'
import type { Db } from '#server/db/connect.ts'
import type { NotificationRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { Mailer, MailMessage } from '#server/mail/mailer.ts'
import {
  claimDelivery,
  countUnreadNotifications,
  ensureEmailPreferences,
  hasDelivery,
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
    readAt: toIso(row.read_at),
    createdAt: row.created_at.toISOString(),
  }
}

/** The email side of a notification: the person's email preferences decide whether it is sent. */
export type NotificationEmail = Pick<MailMessage, 'to' | 'subject' | 'text' | 'calendarInvitation' | 'attachments'>

export interface NotificationToSend {
  personId: string
  kind: NotificationKind
  title: string
  body: string
  link: string | null
  /** Also sent by email (SMTP, or the development outbox) when given and the person has not muted its category. */
  email?: NotificationEmail
}

/** What sending notification emails needs: the mailer, and the public address for links. */
export interface NotifyDeps {
  mailer: Mailer
  publicUrl: string
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

/** The unsubscribe page for one category, and the RFC 8058 one-click address mail programs POST to. */
export function unsubscribeUrls(publicUrl: string, token: string, category: EmailCategory) {
  return {
    page: `${publicUrl}/unsubscribe/${token}?category=${category}`,
    oneClick: `${publicUrl}/api/unsubscribe/${token}/one-click?category=${category}`,
  }
}

/** The footer and headers every notification email carries: how to stop emails like it, without signing in. */
function withUnsubscribe(message: NotificationEmail, publicUrl: string, token: string, category: EmailCategory) {
  const urls = unsubscribeUrls(publicUrl, token, category)
  const footer = [
    '',
    '--',
    `Stop "${EMAIL_CATEGORY_LABELS[category].label}" emails: ${urls.page}`,
    `Choose which emails Tandem sends you: ${publicUrl}/me/email-preferences`,
  ].join('\n')
  return {
    ...message,
    text: `${message.text}\n${footer}`,
    headers: { 'List-Unsubscribe': `<${urls.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

/**
 * Sends the email side of notifications, each unless its person muted the kind's category, with an
 * unsubscribe link; answers how many were sent. Inside a transaction the emails are queued
 * atomically with the change; a failing SMTP server does not undo it (the delivery job retries,
 * and the outbox keeps the last error).
 */
export async function emailNotifications(
  db: Db,
  deps: NotifyDeps,
  organizationId: string,
  notifications: NotificationToSend[],
): Promise<{ sent: number }> {
  const withEmail = notifications.filter((n) => n.email)
  const preferences = await ensureEmailPreferences(
    db,
    organizationId,
    withEmail.map((n) => n.personId),
  )
  const byPerson = new Map(preferences.map((row) => [row.person_id, row]))
  let sent = 0
  for (const n of withEmail) {
    const email = n.email as NotificationEmail
    const category = EMAIL_CATEGORY_OF_KIND[n.kind]
    const preference = byPerson.get(n.personId)
    if (!preference) continue
    if (preference.muted_categories.includes(category)) continue
    await deps.mailer.send(db, {
      organizationId,
      ...withUnsubscribe(email, deps.publicUrl, preference.unsubscribe_token, category),
      kind: 'notification',
      recipientPersonId: n.personId,
    })
    sent++
  }
  return { sent }
}

/** Records the notifications and sends their emails, in the caller's transaction (reminders, nudges, digests). */
export async function deliverNotifications(
  trx: Db,
  deps: NotifyDeps,
  organizationId: string,
  notifications: NotificationToSend[],
) {
  await recordNotifications(trx, organizationId, notifications)
  return emailNotifications(trx, deps, organizationId, notifications)
}

/**
 * Delivers once per delivery key (a reminder, a nudge, a digest): the first caller claims the key
 * and delivers; any other (a second worker, a retried job) delivers nothing. Inside the caller's
 * transaction, so a rollback frees the key again. The emails' outcome when this caller delivered,
 * null when the key was already taken.
 */
export async function deliverNotificationsOnce(
  trx: Db,
  deps: NotifyDeps,
  organizationId: string,
  deliveryKey: string,
  notifications: NotificationToSend[],
): Promise<Awaited<ReturnType<typeof deliverNotifications>> | null> {
  if (!(await claimDelivery(trx, organizationId, deliveryKey))) return null
  return deliverNotifications(trx, deps, organizationId, notifications)
}

/** Whether deliverNotificationsOnce already delivered under this key (a nudge sent today, say). */
export function isDeliveredOnce(db: Db, organizationId: string, deliveryKey: string): Promise<boolean> {
  return hasDelivery(db, organizationId, deliveryKey)
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
export async function markNotificationRead(
  db: Db,
  viewer: Viewer,
  notificationId: string,
  now: Date,
): Promise<Notification> {
  const row = await updateNotificationRead(db, viewer.organizationId, viewer.personId, notificationId, now)
  if (!row) throw notFound('Notification')
  return toNotification(row)
}

export async function markAllNotificationsRead(db: Db, viewer: Viewer, now: Date): Promise<MarkAllReadResult> {
  const marked = await updateAllNotificationsRead(db, viewer.organizationId, viewer.personId, now)
  return { marked, unreadCount: 0 }
}
