import { Alert } from './alert.tsx'

/** The polite live region that tells what the last action did (empty until then). */
export function Announcement({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <Alert tone="success" isLive={false}>
          {message}
        </Alert>
      ) : null}
    </div>
  )
}
