import { useRouter } from '@tanstack/react-router'
import type { MouseEvent } from 'react'
import type { Notification } from '#contracts/notifications.ts'
import { Button } from '#web/components/ui/button.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useMarkNotificationRead } from '../api/use-mark-notification-read.ts'

/** One notification: its title (a link when it leads somewhere), the text, when, and "Mark read". */
export function NotificationItem({ notification, onFollow }: { notification: Notification; onFollow?: () => void }) {
  const router = useRouter()
  const markRead = useMarkNotificationRead()
  const isUnread = notification.readAt === null

  function follow(event: MouseEvent<HTMLAnchorElement>) {
    if (!notification.link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    if (isUnread) markRead.mutate(notification.id)
    onFollow?.()
    router.history.push(notification.link)
  }

  return (
    <li className={isUnread ? 'notification is-unread' : 'notification'}>
      <div className="notification-text">
        <p className="notification-title">
          {isUnread ? <span className="visually-hidden">Unread: </span> : null}
          {notification.link ? (
            <a href={notification.link} onClick={follow}>
              {notification.title}
            </a>
          ) : (
            notification.title
          )}
        </p>
        {notification.body ? <p className="notification-body">{notification.body}</p> : null}
        <p className="notification-time">{formatDateTime(notification.createdAt)}</p>
      </div>
      {isUnread ? (
        <Button
          variant="ghost"
          size="small"
          isLoading={markRead.isPending}
          onClick={() => markRead.mutate(notification.id)}
          aria-label={`Mark read: ${notification.title}`}
        >
          Mark read
        </Button>
      ) : null}
    </li>
  )
}
