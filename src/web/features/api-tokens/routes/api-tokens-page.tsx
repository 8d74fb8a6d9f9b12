import { useState } from 'react'
import type { ApiToken, ApiTokenStatus } from '#contracts/api-tokens.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate, formatDateTime } from '#web/lib/format.ts'
import { useApiTokens } from '../api/use-api-tokens.ts'
import { useRevokeApiToken } from '../api/use-revoke-api-token.ts'
import { CreateApiTokenDialog } from '../components/create-api-token-dialog.tsx'
import { SCOPE_LABELS, STATUS_LABELS } from '../components/scope-labels.ts'

const statusTone: Record<ApiTokenStatus, BadgeTone> = { active: 'success', expired: 'warning', revoked: 'neutral' }

/** Administration > API tokens: the organization's tokens for integrations (decision 043). */
export function ApiTokensPage() {
  const tokens = useApiTokens()
  const revoke = useRevokeApiToken()
  const [isCreating, setIsCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const list = tokens.data?.tokens ?? []

  function closeRevoke() {
    setRevoking(null)
    revoke.reset()
  }

  function confirmRevoke() {
    if (!revoking) return
    const token = revoking
    revoke.mutate(token.id, {
      onSuccess: () => {
        closeRevoke()
        setNotice(`${token.name} is revoked: it no longer works.`)
      },
    })
  }

  return (
    <div className="page">
      <PageHeader
        title="API tokens"
        description="Integrations (an HR system, a BI tool) call Tandem's API with a token of the organization. Each token may only do what its scopes allow, and never reads private content."
        actions={
          <Button
            onClick={() => {
              setNotice(null)
              setIsCreating(true)
            }}
          >
            Create token
          </Button>
        }
      />
      <div className="stack" aria-busy={tokens.isPending || undefined}>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />
        ) : !tokens.data ? (
          <Card>
            <SkeletonRows rows={3} label="Loading API tokens…" />
          </Card>
        ) : list.length === 0 ? (
          <Card>
            <EmptyState title="No API tokens yet">
              <p>
                Create one for each integration, with only the scopes it needs. The API's reference is at{' '}
                <a href="/api/docs">/api/docs</a>.
              </p>
            </EmptyState>
          </Card>
        ) : (
          <Card isFlush>
            <Table caption="API tokens" isCaptionHidden>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((token) => (
                  <tr key={token.id}>
                    <th scope="row" style={{ fontWeight: 'normal' }}>
                      {token.name}
                      <span className="muted" style={{ display: 'block', fontFamily: 'monospace' }}>
                        {token.prefix}…
                      </span>
                    </th>
                    <td>
                      <ul className="plain-list" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
                        {token.scopes.map((scope) => (
                          <li key={scope}>{SCOPE_LABELS[scope].label}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {formatDate(token.createdAt)}
                      {token.createdBy ? (
                        <span className="muted" style={{ display: 'block' }}>
                          by {token.createdBy.name}
                        </span>
                      ) : null}
                    </td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                    <td>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
                    <td>
                      <Badge tone={statusTone[token.status]}>{STATUS_LABELS[token.status]}</Badge>
                    </td>
                    <td>
                      {token.status === 'revoked' ? null : (
                        <Button
                          variant="secondary"
                          size="small"
                          aria-label={`Revoke ${token.name}`}
                          onClick={() => {
                            setNotice(null)
                            setRevoking(token)
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        )}
      </div>

      <CreateApiTokenDialog
        isOpen={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(name) => setNotice(`${name} is created. Its secret is not shown again.`)}
      />
      <ConfirmDialog
        isOpen={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        tone="danger"
        isPending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onClose={closeRevoke}
        onConfirm={confirmRevoke}
      >
        <p style={{ margin: 0 }}>
          Integrations using it are refused from their next request. This cannot be undone: create a new token to
          reconnect them.
        </p>
      </ConfirmDialog>
    </div>
  )
}
