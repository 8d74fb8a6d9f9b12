import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'

/** A used, expired or malformed email link: say so plainly and offer the way forward. */
export function ExpiredLink({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="stack">
      <Alert tone="warning" title={title}>
        {children}
      </Alert>
      <Link to="/sign-in">Go to sign in</Link>
    </div>
  )
}
