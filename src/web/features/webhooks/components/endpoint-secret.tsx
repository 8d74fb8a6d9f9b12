import { useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useWebhookSecret } from '../api/use-webhook-secret.ts'

/** The signing secret, shown on demand (audited), hidden again, or replaced after a confirmation. */
export function EndpointSecret({ endpointId, endpointLabel }: { endpointId: string; endpointLabel: string }) {
  const secret = useWebhookSecret()
  const [shown, setShown] = useState<string | null>(null)
  const [isRotating, setIsRotating] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  function closeRotate() {
    setIsRotating(false)
    secret.reset()
  }

  return (
    <div className="stack">
      <div className="row">
        {shown ? (
          <Button variant="secondary" size="small" onClick={() => setShown(null)}>
            Hide secret
          </Button>
        ) : (
          <Button
            variant="secondary"
            size="small"
            aria-label={`Show signing secret of ${endpointLabel}`}
            isLoading={secret.isPending && secret.variables?.action === 'reveal'}
            onClick={() => {
              setNotice(null)
              secret.mutate({ endpointId, action: 'reveal' }, { onSuccess: (result) => setShown(result.secret) })
            }}
          >
            Show signing secret
          </Button>
        )}
        <Button
          variant="secondary"
          size="small"
          aria-label={`Replace secret of ${endpointLabel}`}
          onClick={() => setIsRotating(true)}
        >
          Replace secret
        </Button>
      </div>
      {shown ? (
        <div className="stack">
          <label className="muted" htmlFor={`secret-${endpointId}`}>
            Signing secret (give it to the receiving system to verify each delivery)
          </label>
          <input
            id={`secret-${endpointId}`}
            className="input"
            readOnly
            value={shown}
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {secret.isError && !isRotating ? <Alert tone="error">{errorMessage(secret.error)}</Alert> : null}
      <ConfirmDialog
        isOpen={isRotating}
        title="Replace the signing secret?"
        confirmLabel="Replace secret"
        tone="danger"
        isPending={secret.isPending}
        error={secret.isError ? errorMessage(secret.error) : null}
        onClose={closeRotate}
        onConfirm={() =>
          secret.mutate(
            { endpointId, action: 'rotate' },
            {
              onSuccess: (result) => {
                setIsRotating(false)
                setShown(result.secret)
                setNotice('The secret was replaced: deliveries from now on are signed with the new one.')
              },
            },
          )
        }
      >
        <p>Deliveries are signed with the new secret at once; the receiving system must be given it.</p>
      </ConfirmDialog>
    </div>
  )
}
