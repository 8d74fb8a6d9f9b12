import type { SignInNotice as Notice } from '#contracts/auth.ts'
import { formatDayOf } from '#contracts/date-format.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { currentReader } from '#web/lib/format.ts'
import { useDismissSignInNotice } from '../api/use-dismiss-sign-in-notice.ts'

/** The day of the reset in the person's own time zone and locale ("7 Dec 2026"). */
function dayIn(iso: string, timeZone: string): string {
  return formatDayOf(iso, { locale: currentReader().locale, timeZone })
}

/** Shown after sign-in until dismissed: an admin reset this person's sign-in. */
export function SignInNotice({ notice }: { notice: Notice }) {
  const dismiss = useDismissSignInNotice()
  return (
    <div style={{ marginBottom: 16 }}>
      <Alert tone="warning" title="Your sign-in was reset by an administrator">
        <p>
          Your sign-in was reset by {notice.resetByName} on {dayIn(notice.resetAt, notice.timeZone)}. You were signed
          out everywhere and chose a new password. If you did not ask for this, tell another administrator.
        </p>
        {dismiss.isError ? <p>{errorMessage(dismiss.error)}</p> : null}
        <Button variant="secondary" size="small" isLoading={dismiss.isPending} onClick={() => dismiss.mutate()}>
          Dismiss
        </Button>
      </Alert>
    </div>
  )
}
