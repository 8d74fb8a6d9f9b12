import { Link } from '@tanstack/react-router'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { useMarkAllNotificationsRead } from '../api/use-mark-all-notifications-read.ts'
import { useNotifications } from '../api/use-notifications.ts'
import { useUnreadCount } from '../api/use-unread-count.ts'
import { NotificationItem } from './notification-item.tsx'

export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : 'Notifications, none unread'
}

/** The header's bell: the unread count, and a panel with the latest notifications. */
export function NotificationBell() {
  const unread = useUnreadCount()
  const [isOpen, setIsOpen] = useState(false)
  const panelId = useId()
  const wrapperRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const count = unread.data?.unreadCount ?? 0

  useEffect(() => {
    if (!isOpen) return
    function onPointerDown(event: PointerEvent) {
      if (wrapperRef.current && !wrapperRef.current.contains(event.target as Node)) setIsOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [isOpen])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && isOpen) {
      event.stopPropagation()
      setIsOpen(false)
      buttonRef.current?.focus()
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere inside the panel closes it
    <div className="bell" ref={wrapperRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-label={bellLabel(count)}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Zm4 4a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {count > 0 ? (
          <span className="bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      <div id={panelId} className="bell-panel" hidden={!isOpen}>
        {isOpen ? <NotificationPanel onClose={() => setIsOpen(false)} /> : null}
      </div>
    </div>
  )
}

function NotificationPanel({ onClose }: { onClose: () => void }) {
  const list = useNotifications({ limit: 8 })
  const markAll = useMarkAllNotificationsRead()
  const unreadCount = list.data?.unreadCount ?? 0
  return (
    <section aria-labelledby="bell-panel-heading" className="stack" style={{ gap: 8 }}>
      <div className="bell-panel-head">
        <h2 id="bell-panel-heading">Notifications</h2>
        <Button
          variant="ghost"
          size="small"
          disabled={unreadCount === 0}
          isLoading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <SkeletonRows rows={3} label="Loading notifications…" />
      ) : list.data.notifications.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          You have no notifications yet. When your matches are published, you hear it here first.
        </p>
      ) : (
        <ul className="notification-list">
          {list.data.notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onFollow={onClose} />
          ))}
        </ul>
      )}
      <Link to="/notifications" className="bell-panel-all" onClick={onClose}>
        See all notifications
      </Link>
    </section>
  )
}
