import { Fragment, type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { Alert } from './alert.tsx'
import { Button } from './button.tsx'

const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal built on <dialog>: the page behind is inert, Escape closes, Tab cycles inside,
 * and focus returns to whatever opened it.
 */
export function Dialog({
  isOpen,
  title,
  description,
  onClose,
  children,
}: {
  isOpen: boolean
  title: string
  description?: ReactNode
  onClose: () => void
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  const returnFocusTo = useRef<HTMLElement | null>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (isOpen && !dialog.open) {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]')
      const first = dialog.querySelector('.dialog-body')?.querySelector<HTMLElement>(focusableSelector)
      ;(preferred ?? first ?? dialog.querySelector<HTMLElement>(focusableSelector))?.focus()
    } else if (!isOpen && dialog.open) {
      dialog.close()
    }
  }, [isOpen])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const restore = () => {
      const target = returnFocusTo.current
      returnFocusTo.current = null
      if (target?.isConnected) target.focus()
    }
    dialog.addEventListener('close', restore)
    return () => dialog.removeEventListener('close', restore)
  }, [])

  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || !ref.current) return
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(focusableSelector)).filter(
      (element) => element.offsetParent !== null,
    )
    if (items.length === 0) return
    const first = items[0]
    const last = items[items.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last?.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first?.focus()
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onKeyDown={trapTab}
    >
      {isOpen ? (
        <div className="dialog-inner">
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" aria-label="Close" onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {description ? (
            <p id={descriptionId} className="muted" style={{ margin: 0 }}>
              {description}
            </p>
          ) : null}
          <div className="dialog-body">{children}</div>
        </div>
      ) : null}
    </dialog>
  )
}

/** A dialog about one item (editing it): open while there is one, its content started afresh for each item. */
export function ItemDialog<T extends { id: string }>({
  item,
  title,
  onClose,
  children,
}: {
  item: T | null
  title: string
  onClose: () => void
  children: (item: T) => ReactNode
}) {
  return (
    <Dialog isOpen={item !== null} title={title} onClose={onClose}>
      {item ? <Fragment key={item.id}>{children(item)}</Fragment> : null}
    </Dialog>
  )
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog-actions">{children}</div>
}

/** Asks before a consequential action; stays open with the reason when the action fails. */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  isPending = false,
  error,
  onConfirm,
  onClose,
}: {
  isOpen: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  tone?: 'primary' | 'danger'
  isPending?: boolean
  error?: string | null
  onConfirm: () => void
  onClose: () => void
}) {
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  return (
    <Dialog isOpen={isOpen} title={title} onClose={onClose}>
      <div className="stack">
        <div>{children}</div>
        {error ? (
          <Alert tone="error" ref={errorRef} isErrorSummary>
            {error}
          </Alert>
        ) : null}
        <DialogActions>
          <Button variant="secondary" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button variant={tone} onClick={onConfirm} isLoading={isPending}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  )
}
