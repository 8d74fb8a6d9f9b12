import { useEffect, useRef } from 'react'

// Set by the layout on navigation when the new page's heading has not rendered yet;
// the PageHeader that mounts next takes the focus.
let isHeadingFocusPending = false

/** Moves focus to the page's <h1> (or defers it to the PageHeader that mounts next). */
export function focusPageHeading() {
  const heading = document.querySelector<HTMLElement>('main h1')
  if (heading) {
    heading.focus()
    isHeadingFocusPending = false
  } else {
    isHeadingFocusPending = true
  }
}

export function takePendingHeadingFocus(): boolean {
  const pending = isHeadingFocusPending
  isHeadingFocusPending = false
  return pending
}

/**
 * Moves focus to an error message when it appears (a refused action inside a dialog leaves focus
 * on a button that was disabled while the request ran).
 */
export function useFocusWhenShown<T extends HTMLElement>(message: string | null | undefined) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (message) ref.current?.focus()
  }, [message])
  return ref
}
