import { useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useCreateScimToken } from '../api/use-create-scim-token.ts'
import { useRevokeScimToken } from '../api/use-revoke-scim-token.ts'
import { useScimSettings } from '../api/use-scim-settings.ts'

/**
 * SCIM provisioning: the base URL and the token to give the identity provider (Entra ID, Okta). The
 * token's secret is shown once, right after it is created; afterwards only its dates are.
 */
export function ScimProvisioningCard() {
  const settings = useScimSettings()
  const create = useCreateScimToken()
  const revoke = useRevokeScimToken()
  const [secret, setSecret] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null)

  function createToken() {
    create.mutate(undefined, {
      onSuccess: (created) => {
        setSecret(created.secret)
        setConfirming(null)
      },
    })
  }
  function closeDialog() {
    setConfirming(null)
    create.reset()
    revoke.reset()
  }

  const token = settings.data?.token ?? null
  return (
    <Card title="Provisioning (SCIM)">
      {settings.isPending ? (
        <SkeletonRows rows={3} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <div className="stack">
          <p style={{ margin: 0 }}>
            Your identity provider creates, updates and deactivates people here, with their department and manager. A
            person it deactivates is signed out everywhere at once.
          </p>
          <dl>
            <div>
              <dt>SCIM base URL</dt>
              <dd>
                <code>{settings.data.baseUrl}</code>
              </dd>
            </div>
            <div>
              <dt>Token</dt>
              <dd>
                {token
                  ? `Created ${formatDateTime(token.createdAt)}${token.createdByName ? ` by ${token.createdByName}` : ''}; ${
                      token.lastUsedAt ? `last used ${formatDateTime(token.lastUsedAt)}` : 'not used yet'
                    }`
                  : 'None: provisioning is off'}
              </dd>
            </div>
          </dl>
          {secret ? (
            <Alert tone="success">
              <p style={{ marginTop: 0 }}>
                Copy the token now and paste it into your identity provider as the secret token. It is not shown again.
              </p>
              <label htmlFor="scim-token-secret">New SCIM token</label>
              <input
                id="scim-token-secret"
                className="input"
                readOnly
                value={secret}
                onFocus={(event) => event.currentTarget.select()}
              />
            </Alert>
          ) : null}
          {create.isError && confirming === null ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
          <div className="form-actions" style={{ paddingTop: 0 }}>
            {token ? (
              <>
                <Button variant="secondary" onClick={() => setConfirming('rotate')}>
                  Rotate token
                </Button>
                <Button variant="danger" onClick={() => setConfirming('revoke')}>
                  Revoke token
                </Button>
              </>
            ) : (
              <Button onClick={createToken} isLoading={create.isPending}>
                Create token
              </Button>
            )}
          </div>
          <ConfirmDialog
            isOpen={confirming === 'rotate'}
            title="Rotate the SCIM token?"
            confirmLabel="Rotate token"
            isPending={create.isPending}
            error={create.isError ? errorMessage(create.error) : null}
            onConfirm={createToken}
            onClose={closeDialog}
          >
            <p style={{ margin: 0 }}>
              The current token stops working at once: paste the new one into your identity provider straight away.
            </p>
          </ConfirmDialog>
          <ConfirmDialog
            isOpen={confirming === 'revoke'}
            title="Revoke the SCIM token?"
            confirmLabel="Revoke token"
            tone="danger"
            isPending={revoke.isPending}
            error={revoke.isError ? errorMessage(revoke.error) : null}
            onConfirm={() =>
              revoke.mutate(undefined, {
                onSuccess: () => {
                  setSecret(null)
                  setConfirming(null)
                },
              })
            }
            onClose={closeDialog}
          >
            <p style={{ margin: 0 }}>
              Provisioning stops until you create a new token. People already provisioned stay.
            </p>
          </ConfirmDialog>
        </div>
      )}
    </Card>
  )
}
