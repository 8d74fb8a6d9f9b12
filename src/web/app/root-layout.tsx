import { Outlet, useRouterState } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { focusPageHeading } from '#web/lib/focus.ts'

/** Every page: after a navigation (not the first load), focus moves to the new page's heading. */
export function RootLayout() {
  // The resolved location changes once the new page has rendered, not when the navigation starts.
  const pathname = useRouterState({ select: (state) => state.resolvedLocation?.pathname ?? null })
  const previous = useRef<string | null>(null)
  useEffect(() => {
    if (pathname === null) return
    if (previous.current !== null && previous.current !== pathname) {
      const frame = requestAnimationFrame(() => focusPageHeading())
      previous.current = pathname
      return () => cancelAnimationFrame(frame)
    }
    previous.current = pathname
  }, [pathname])
  return <Outlet />
}
