import { type ReactNode, useEffect, useRef, useState } from 'react'
import { Button, type ButtonVariant } from './button.tsx'

/**
 * A form (or any block) that stays folded behind one button until it is used: the button says what
 * it opens ("Update progress") and tells assistive technology whether it is open. Opening moves the
 * focus to the first field; `close` (given to the content, for its Cancel and its success) folds it
 * again and gives the focus back to the button. The content is not rendered while folded.
 */
export function Disclosure({
  label,
  variant = 'secondary',
  children,
}: {
  label: string
  variant?: ButtonVariant
  children: (close: () => void) => ReactNode
}) {
  const [isOpen, setIsOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const contentRef = useRef<HTMLDivElement>(null)

  // Set by a user's open or close, read once the change is on screen (a close after a server's answer
  // lands outside any event, so a frame callback could run before the button is back).
  const moveFocus = useRef(false)

  useEffect(() => {
    if (!moveFocus.current) return
    moveFocus.current = false
    if (isOpen) contentRef.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus()
    else buttonRef.current?.focus()
  }, [isOpen])

  function open() {
    moveFocus.current = true
    setIsOpen(true)
  }

  function close() {
    moveFocus.current = true
    setIsOpen(false)
  }

  if (!isOpen) {
    return (
      <div>
        <Button ref={buttonRef} variant={variant} size="small" aria-expanded={false} onClick={open}>
          {label}
        </Button>
      </div>
    )
  }
  return (
    <div ref={contentRef} className="disclosure-content">
      {children(close)}
    </div>
  )
}
