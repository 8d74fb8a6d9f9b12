import { Link, useRouter } from '@tanstack/react-router'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'

export function NotFoundPage() {
  return (
    <div className="page-narrow not-found">
      <PageHeader title="Page not found" description="The page you are looking for does not exist or has moved." />
      <Link to="/" className="button button-primary">
        Go to home
      </Link>
    </div>
  )
}

/** Shown when a route cannot load at all (the server is unreachable, say). */
export function RouteErrorPage({ error }: { error: unknown }) {
  const router = useRouter()
  return (
    <div className="page-narrow stack" style={{ padding: '32px 16px' }}>
      <PageHeader title="Something went wrong" />
      <ErrorState error={error} title="Tandem could not load this page" />
      <div>
        <Button variant="secondary" onClick={() => router.invalidate()}>
          Reload page
        </Button>
      </div>
    </div>
  )
}

export function PendingPage() {
  return <LoadingState label="Loading Tandem…" isPage />
}
