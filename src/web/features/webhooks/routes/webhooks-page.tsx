import { useState } from 'react'
import type { WebhookEndpoint } from '#contracts/webhooks.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useDeleteWebhookEndpoint } from '../api/use-delete-webhook-endpoint.ts'
import { useWebhookEndpoints } from '../api/use-webhook-endpoints.ts'
import { DeliveryLog } from '../components/delivery-log.tsx'
import { EndpointDialog } from '../components/endpoint-dialog.tsx'
import { EndpointSecret } from '../components/endpoint-secret.tsx'
import { eventLabels } from '../components/event-labels.ts'

/** Administration > Webhooks: endpoints that receive signed events, their secrets and delivery logs. */
export function WebhooksPage() {
  const endpoints = useWebhookEndpoints()
  const remove = useDeleteWebhookEndpoint()
  const [editing, setEditing] = useState<WebhookEndpoint | 'new' | null>(null)
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  function closeDelete() {
    setDeleting(null)
    remove.reset()
  }

  return (
    <div className="page">
      <PageHeader
        title="Webhooks"
        description="Tell other systems (HR, chat, reporting) when something happens in Tandem. Each event is a POST signed per the Standard Webhooks specification, retried with back-off when it fails. Events carry ids and directory fields only: never notes, reflections, feedback, goals or wellbeing."
        actions={<Button onClick={() => setEditing('new')}>Add endpoint</Button>}
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {endpoints.isError && !endpoints.data ? (
        <ErrorState error={endpoints.error} onRetry={() => endpoints.refetch()} />
      ) : !endpoints.data ? (
        <Card isFlush>
          <SkeletonRows rows={3} label="Loading webhook endpoints…" />
        </Card>
      ) : endpoints.data.endpoints.length === 0 ? (
        <Card>
          <EmptyState
            title="No webhook endpoints"
            action={<Button onClick={() => setEditing('new')}>Add endpoint</Button>}
          >
            <p>Add the address of a system that should hear about new people, matches, sessions and programs.</p>
          </EmptyState>
        </Card>
      ) : (
        <div className="stack-lg">
          {endpoints.data.endpoints.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              onEdit={() => setEditing(endpoint)}
              onDelete={() => setDeleting(endpoint)}
            />
          ))}
        </div>
      )}
      <EndpointDialog
        isOpen={editing !== null}
        endpoint={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved, isNew) => {
          setEditing(null)
          setNotice(isNew ? `Endpoint added: ${saved.url}` : `Endpoint saved: ${saved.url}`)
        }}
      />
      <ConfirmDialog
        isOpen={deleting !== null}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        tone="danger"
        isPending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return
          const url = deleting.url
          remove.mutate(deleting.id, {
            onSuccess: () => {
              closeDelete()
              setNotice(`Endpoint deleted: ${url}`)
            },
          })
        }}
      >
        <p>{deleting?.url} stops receiving events, and its delivery log is deleted.</p>
      </ConfirmDialog>
    </div>
  )
}

function EndpointCard({
  endpoint,
  onEdit,
  onDelete,
}: {
  endpoint: WebhookEndpoint
  onEdit: () => void
  onDelete: () => void
}) {
  const [isLogShown, setIsLogShown] = useState(false)
  const label = endpoint.description || endpoint.url
  const headingId = `endpoint-${endpoint.id}`
  const logId = `endpoint-log-${endpoint.id}`
  return (
    <Card title={label} labelledBy={headingId}>
      <div className="stack">
        <div className="row">
          <Badge tone={endpoint.isEnabled ? 'success' : 'neutral'}>{endpoint.isEnabled ? 'On' : 'Off'}</Badge>
          <code>{endpoint.url}</code>
        </div>
        <p className="muted" style={{ margin: 0 }}>
          Sends: {endpoint.eventTypes.map((type) => eventLabels[type].toLowerCase()).join('; ')}
        </p>
        <div className="row">
          <Button variant="secondary" size="small" aria-label={`Edit ${label}`} onClick={onEdit}>
            Edit
          </Button>
          <Button variant="danger" size="small" aria-label={`Delete ${label}`} onClick={onDelete}>
            Delete
          </Button>
          <Button
            variant="secondary"
            size="small"
            aria-expanded={isLogShown}
            aria-controls={logId}
            onClick={() => setIsLogShown((shown) => !shown)}
          >
            {isLogShown ? 'Hide delivery log' : 'Show delivery log'}
          </Button>
        </div>
        <EndpointSecret endpointId={endpoint.id} endpointLabel={label} />
        <div id={logId} hidden={!isLogShown}>
          {isLogShown ? <DeliveryLog endpointId={endpoint.id} endpointLabel={label} /> : null}
        </div>
      </div>
    </Card>
  )
}
