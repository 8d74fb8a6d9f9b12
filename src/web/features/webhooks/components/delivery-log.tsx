import type { WebhookDelivery } from '#contracts/webhooks.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useRedeliverWebhook } from '../api/use-redeliver-webhook.ts'
import { useWebhookDeliveries } from '../api/use-webhook-deliveries.ts'
import { eventLabels } from './event-labels.ts'

const statusWords: Record<WebhookDelivery['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'Sending', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
}

function attemptWords(attempt: WebhookDelivery['attempts'][number]): string {
  const answer = attempt.statusCode === null ? 'no answer' : `HTTP ${attempt.statusCode}`
  const error = attempt.error && attempt.statusCode === null ? `: ${attempt.error}` : ''
  return `#${attempt.attempt}${attempt.isRedelivery ? ' (sent again)' : ''} · ${answer}${error} · ${attempt.durationMs} ms · ${formatDateTime(attempt.attemptedAt)}`
}

/** An endpoint's latest deliveries: each attempt's answer, time taken and error, and "Send again". */
export function DeliveryLog({ endpointId, endpointLabel }: { endpointId: string; endpointLabel: string }) {
  const deliveries = useWebhookDeliveries(endpointId)
  const redeliver = useRedeliverWebhook()

  if (deliveries.isError && !deliveries.data) {
    return <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />
  }
  if (!deliveries.data) return <SkeletonRows rows={3} label="Loading deliveries…" />
  if (deliveries.data.deliveries.length === 0) {
    return (
      <EmptyState title="No deliveries yet" headingLevel={3}>
        <p>Each event this endpoint listens to appears here with every attempt to deliver it.</p>
      </EmptyState>
    )
  }
  return (
    <div className="stack">
      {redeliver.isError ? <Alert tone="error">{errorMessage(redeliver.error)}</Alert> : null}
      <Table caption={`Deliveries to ${endpointLabel}`} isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Created</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row" style={{ fontWeight: 'normal' }}>
                <strong>{eventLabels[delivery.eventType]}</strong>
                <div className="muted">
                  <code>{delivery.eventType}</code> · id <code>{delivery.eventId}</code>
                </div>
              </th>
              <td className="cell-nowrap">
                <Badge tone={statusWords[delivery.status].tone}>{statusWords[delivery.status].label}</Badge>
              </td>
              <td>
                {delivery.attempts.length === 0 ? (
                  'Not sent yet'
                ) : (
                  <ul className="plain-list">
                    {delivery.attempts.map((attempt) => (
                      <li key={attempt.attempt}>{attemptWords(attempt)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="cell-nowrap">{formatDateTime(delivery.createdAt)}</td>
              <td>
                <Button
                  variant="secondary"
                  size="small"
                  isLoading={redeliver.isPending && redeliver.variables?.deliveryId === delivery.id}
                  aria-label={`Redeliver ${delivery.eventType} ${delivery.eventId}`}
                  onClick={() => redeliver.mutate({ endpointId, deliveryId: delivery.id })}
                >
                  Redeliver
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  )
}
