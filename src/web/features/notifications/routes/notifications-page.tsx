import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { Button, buttonClassName } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { plural } from '#web/lib/format.ts'
import { useMarkAllNotificationsRead } from '../api/use-mark-all-notifications-read.ts'
import { useNotificationPages } from '../api/use-notification-pages.ts'
import { NotificationItem } from '../components/notification-item.tsx'

/** Every notification, newest first, page by page. */
export function NotificationsPage() {
  const [isUnreadOnly, setIsUnreadOnly] = useState(false)
  const markAll = useMarkAllNotificationsRead()
  const pages = useNotificationPages(isUnreadOnly)
  const notifications = pages.data?.pages.flatMap((page) => page.notifications) ?? []
  const unreadCount = pages.data?.pages[0]?.unreadCount ?? 0

  return (
    <div className="page-narrow" aria-busy={pages.isPending || undefined}>
      <PageHeader
        title="Notifications"
        description={
          pages.data
            ? unreadCount > 0
              ? `${plural(unreadCount, 'unread notification', 'unread notifications')}`
              : 'All caught up.'
            : undefined
        }
        actions={
          <>
            <Link to="/me/email-preferences" className={buttonClassName('ghost')}>
              Email preferences
            </Link>
            <Button
              variant="secondary"
              disabled={unreadCount === 0}
              isLoading={markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              Mark all read
            </Button>
          </>
        }
      />
      <div className="row" style={{ marginBottom: 16 }}>
        <Checkbox
          label="Show unread only"
          checked={isUnreadOnly}
          onChange={(event) => setIsUnreadOnly(event.target.checked)}
        />
      </div>
      <Card isFlush>
        {pages.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
          </div>
        ) : !pages.data ? (
          <SkeletonRows rows={4} label="Loading notifications…" />
        ) : notifications.length === 0 ? (
          <EmptyState title={isUnreadOnly ? 'Nothing unread' : 'No notifications yet'} icon={<span>✓</span>}>
            <p>Match announcements and reminders about your programs will appear here.</p>
          </EmptyState>
        ) : (
          <ul className="notification-list notification-list-page">
            {notifications.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} />
            ))}
          </ul>
        )}
      </Card>
      {pages.hasNextPage ? (
        <div className="row" style={{ marginTop: 16 }}>
          <Button variant="secondary" isLoading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Show older notifications
          </Button>
        </div>
      ) : null}
    </div>
  )
}
