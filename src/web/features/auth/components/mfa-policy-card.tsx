import { useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useMfaPolicy, useUpdateMfaPolicy } from '../api/use-mfa-policy.ts'

/** Organization settings: require two-step sign-in (TOTP) of admins and program managers (decision 040). */
export function MfaPolicyCard() {
  const policy = useMfaPolicy()
  const update = useUpdateMfaPolicy()
  const [isSaved, setIsSaved] = useState(false)
  return (
    <Card title="Two-step sign-in" labelledBy="mfa-policy-heading">
      {policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => policy.refetch()} />
      ) : !policy.data ? (
        <SkeletonRows rows={2} label="Loading…" />
      ) : (
        <div className="stack">
          <Checkbox
            label="Require two-step sign-in (an authenticator app) for admins and program managers"
            // While saving, the box shows the choice being saved.
            checked={update.isPending ? update.variables.isRequiredForStaff : policy.data.isRequiredForStaff}
            onChange={(event) => {
              setIsSaved(false)
              update.mutate({ isRequiredForStaff: event.target.checked }, { onSuccess: () => setIsSaved(true) })
            }}
          />
          <p className="muted" style={{ margin: 0, fontSize: '0.875rem' }}>
            Those without it are asked to set it up right after they sign in with a password. People who sign in with
            single sign-on are not asked: your identity provider handles their second factor.
          </p>
          {update.isError ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}
          <div role="status" aria-live="polite">
            {isSaved ? (
              <Alert tone="success" isLive={false}>
                Saved.
              </Alert>
            ) : null}
          </div>
        </div>
      )}
    </Card>
  )
}
