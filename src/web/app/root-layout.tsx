import { Outlet, useRouterState } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { focusPageHeading } from '#web/lib/focus.ts'

/** Every page: after a navigation (not the first load), focus moves to the new page's heading. */
export function RootLayout() {
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const previous = useRef<string | null>(null)
  useEffect(() => {
    if (previous.current !== null && previous.current !== pathname) focusPageHeading()
    previous.current = pathname
  }, [pathname])
  return <Outlet />
}
