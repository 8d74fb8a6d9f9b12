import { errorMessage } from '#web/lib/api-client.ts'
import { Alert } from './alert.tsx'
import { Button } from './button.tsx'

/** A failed load, with the reason and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown
  onRetry?: () => void
  title?: string
}) {
  return (
    <Alert tone="error" title={title}>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <Button variant="secondary" size="small" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  )
}
