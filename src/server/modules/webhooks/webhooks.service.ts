import { randomUUID } from 'node:crypto'
import type {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEventType,
  WebhookSecret,
} from '#contracts/webhooks.ts'
import { CreateWebhookEndpointBodySchema } from '#contracts/webhooks.ts'
import type { Db } from '#server/db/connect.ts'
import type { WebhookDeliveryAttemptRow, WebhookEndpointRow } from '#server/db/schema.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, forbidden, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import type { JobContext, JobData, JobRunner } from '#server/jobs/job-runner.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import type { SecretBox } from '#server/secrets/secret-box.ts'
import { privateAddressReason } from './webhook-address.ts'
import type { WebhookEventInput } from './webhook-payloads.ts'
import { newWebhookSecret, sendSignedRequest } from './webhook-sender.ts'
import {
  deleteEndpoint,
  findDelivery,
  findDeliveryToSend,
  findEndpoint,
  insertDeliveries,
  insertEndpoint,
  insertEvents,
  listAttempts,
  listDeliveries,
  listEndpointSecretsToSeal,
  listEndpoints,
  listSubscribedEndpoints,
  markDeliveryPending,
  recordAttempt,
  resealEndpointSecret,
  updateEndpoint,
} from './webhooks.repository.ts'

export { webhookEvents } from './webhook-payloads.ts'

/** The queue of webhook deliveries: one job per delivery (endpoint and event), holding only its id. */
export const WEBHOOK_QUEUE = 'webhook-deliver'

/** Attempts after the first (5 in all), 30 s doubling with jitter, at most an hour apart. */
export const WEBHOOK_RETRY_LIMIT = 4
export const WEBHOOK_QUEUE_SETTINGS = {
  retryLimit: WEBHOOK_RETRY_LIMIT,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 120,
  heartbeatSeconds: 30,
} as const

export interface WebhookJobData extends JobData {
  deliveryId: string
  /** Sent again by an admin ("Redeliver"): the attempts it makes are marked so in the log. */
  isRedelivery?: boolean
}

// The job runner each database's events are queued on. Services emit with their transaction only (a
// single call where the change happens, no runner passed down through every service); a transaction
// shares its database's dialect adapter, so the adapter finds the runner the webhooks module bound
// when the app registered it.
const runners = new WeakMap<object, JobRunner>()
const runnerKey = (db: Db): object => db.getExecutor().adapter

/** Ties the app's job runner to its database (the webhooks module does it when it registers); answers the unbinding. */
export function bindWebhookJobs(db: Db, jobs: JobRunner): () => void {
  const key = runnerKey(db)
  runners.set(key, jobs)
  return () => {
    if (runners.get(key) === jobs) runners.delete(key)
  }
}

/**
 * Records events for every enabled endpoint subscribed to them and queues one delivery job each,
 * in the caller's transaction: if it rolls back, nothing is sent. Call it where the change happens.
 */
export async function emitWebhookEvents(
  db: Db,
  organizationId: string,
  now: Date,
  events: ReadonlyArray<WebhookEventInput>,
): Promise<void> {
  if (events.length === 0) return
  await inTransaction(db, async (trx) => {
    const types = [...new Set(events.map((event) => event.type))]
    const endpoints = await listSubscribedEndpoints(trx, organizationId, types)
    const wanted = events.filter((event) => endpoints.some((endpoint) => endpoint.event_types.includes(event.type)))
    if (wanted.length === 0) return
    const timestamp = now.toISOString()
    const inserted = await insertEvents(
      trx,
      wanted.map((event) => ({
        organization_id: organizationId,
        type: event.type,
        payload: JSON.stringify({ type: event.type, timestamp, data: event.data }),
        created_at: now,
      })),
    )
    const rows = inserted.flatMap((event) =>
      endpoints
        .filter((endpoint) => endpoint.event_types.includes(event.type))
        .map((endpoint) => ({
          organization_id: organizationId,
          endpoint_id: endpoint.id,
          event_id: event.id,
          created_at: now,
          updated_at: now,
        })),
    )
    const deliveries = await insertDeliveries(trx, rows)
    const jobs = runners.get(runnerKey(trx))
    // Without a runner (a script working on the database outside the app) the deliveries stay
    // pending; an admin sends them from the delivery log.
    if (!jobs) return
    const typeOf = new Map(inserted.map((event) => [event.id, event.type]))
    const urlOf = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.url]))
    for (const [index, delivery] of deliveries.entries()) {
      const type = typeOf.get(rows[index]?.event_id ?? '')
      await jobs.send<WebhookJobData>(
        WEBHOOK_QUEUE,
        {
          organizationId,
          deliveryId: delivery.id,
          description: `Webhook ${type} to ${urlOf.get(delivery.endpoint_id)}`,
        },
        { db: trx },
      )
    }
  })
}

// ---- delivery ------------------------------------------------------------------------------------

export interface WebhookDeliveryDeps {
  /** The app clock: each attempt's `webhook-timestamp`. */
  now: () => Date
  allowPrivateAddresses: boolean
  secrets: SecretBox
}

/** What an endpoint's signing secret is sealed for: that endpoint only (decision 047). */
const secretContext = (endpointId: string) => `webhook-secret:${endpointId}`

/**
 * Seals every stored signing secret under the current key (kept in the clear before, or under
 * SECRET_KEY_PREVIOUS after a rotation); run at each start. Answers how many.
 */
export async function sealStoredWebhookSecrets(db: Db, secrets: SecretBox): Promise<number> {
  const rows = await listEndpointSecretsToSeal(db, secrets.keyId)
  for (const row of rows)
    await resealEndpointSecret(db, row.id, row.secret, secrets.reseal(row.secret, secretContext(row.id)))
  return rows.length
}

/**
 * One attempt of a delivery (the `webhook-deliver` job): signs the event's body with the endpoint's
 * secret, POSTs it, and logs the attempt. A failure throws, so the job queue retries with back-off;
 * the last attempt marks the delivery failed.
 */
export async function deliverWebhook(
  db: Db,
  deps: WebhookDeliveryDeps,
  data: WebhookJobData,
  job: Pick<JobContext, 'retryCount' | 'signal'>,
): Promise<void> {
  const found = await findDeliveryToSend(db, data.deliveryId)
  // The endpoint (and with it the delivery) was deleted, or the delivery went out already.
  if (!found || found.delivery.status === 'delivered') return
  const { delivery, event, endpoint } = found
  const attempt = delivery.attempts + 1
  const attemptedAt = deps.now()
  const isLast = job.retryCount >= WEBHOOK_RETRY_LIMIT
  const isRedelivery = data.isRedelivery ?? false
  if (!endpoint.is_enabled) {
    const error = 'The endpoint is turned off: not sent'
    await recordAttempt(
      db,
      delivery.id,
      { attempt, attempted_at: attemptedAt, status_code: null, duration_ms: 0, error, is_redelivery: isRedelivery },
      'failed',
    )
    return
  }
  const outcome = await sendSignedRequest(
    {
      url: endpoint.url,
      id: event.id,
      timestamp: attemptedAt,
      body: JSON.stringify(event.payload),
      secret: deps.secrets.open(endpoint.secret, secretContext(endpoint.id)),
    },
    { allowPrivateAddresses: deps.allowPrivateAddresses, signal: job.signal },
  )
  const isDelivered = outcome.error === null
  await recordAttempt(
    db,
    delivery.id,
    {
      attempt,
      attempted_at: attemptedAt,
      status_code: outcome.statusCode,
      duration_ms: outcome.durationMs,
      error: outcome.error,
      is_redelivery: isRedelivery,
    },
    isDelivered ? 'delivered' : isLast ? 'failed' : 'pending',
  )
  if (!isDelivered) throw new Error(outcome.error ?? 'Delivery failed')
}

// ---- the admin's endpoints ------------------------------------------------------------------------

function assertAdmin(viewer: Viewer): void {
  if (!hasRole(viewer, 'admin')) throw forbidden()
}

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types as WebhookEventType[],
    isEnabled: row.is_enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

async function assertReachableUrl(url: string, allowPrivateAddresses: boolean): Promise<void> {
  if (allowPrivateAddresses) return
  const reason = await privateAddressReason(new URL(url))
  if (reason) {
    throw new AppError('validation_failed', `Webhooks cannot be sent to private or loopback addresses: ${reason}`, [
      { path: 'body.url', message: `must point at a public address (${reason})` },
    ])
  }
}

async function loadEndpoint(db: Db, viewer: Viewer, endpointId: string): Promise<WebhookEndpointRow> {
  const row = await findEndpoint(db, viewer.organizationId, endpointId)
  if (!row) throw notFound('Webhook endpoint')
  return row
}

const auditOf = (viewer: Viewer, action: string, endpointId: string, details?: Record<string, unknown>) => ({
  organizationId: viewer.organizationId,
  actorId: viewer.personId,
  address: viewer.address,
  action,
  targetType: 'webhook_endpoint',
  targetId: endpointId,
  ...(details ? { details } : {}),
})

/** The organization's webhook endpoints, oldest first (admin). */
export async function listWebhookEndpoints(db: Db, viewer: Viewer): Promise<WebhookEndpointList> {
  assertAdmin(viewer)
  return { endpoints: (await listEndpoints(db, viewer.organizationId)).map(toWebhookEndpoint) }
}

/** Registers an endpoint with a new signing secret; in production its address must be public (admin). */
export async function createWebhookEndpoint(
  db: Db,
  deps: { allowPrivateAddresses: boolean; secrets: SecretBox },
  viewer: Viewer,
  input: CreateWebhookEndpointBody,
  now: Date,
): Promise<WebhookEndpoint> {
  assertAdmin(viewer)
  const body = CreateWebhookEndpointBodySchema.parse(input)
  await assertReachableUrl(body.url, deps.allowPrivateAddresses)
  return inTransaction(db, async (trx) => {
    const id = randomUUID()
    const row = await insertEndpoint(trx, {
      id,
      organization_id: viewer.organizationId,
      url: body.url,
      description: body.description,
      event_types: body.eventTypes,
      is_enabled: body.isEnabled,
      secret: deps.secrets.seal(newWebhookSecret(), secretContext(id)),
      now,
    })
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.created', row.id, { eventTypes: body.eventTypes }))
    return toWebhookEndpoint(row)
  })
}

/** Changes an endpoint's address, description, events or whether it is on (admin). */
export async function updateWebhookEndpoint(
  db: Db,
  deps: { allowPrivateAddresses: boolean },
  viewer: Viewer,
  endpointId: string,
  body: UpdateWebhookEndpointBody,
  now: Date,
): Promise<WebhookEndpoint> {
  assertAdmin(viewer)
  if (body.url !== undefined) await assertReachableUrl(body.url, deps.allowPrivateAddresses)
  return inTransaction(db, async (trx) => {
    await loadEndpoint(trx, viewer, endpointId)
    const row = await updateEndpoint(
      trx,
      viewer.organizationId,
      endpointId,
      {
        ...(body.url !== undefined ? { url: body.url } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.eventTypes !== undefined ? { event_types: body.eventTypes } : {}),
        ...(body.isEnabled !== undefined ? { is_enabled: body.isEnabled } : {}),
      },
      now,
    )
    if (!row) throw notFound('Webhook endpoint')
    const changed = Object.keys(body).filter((key) => body[key as keyof UpdateWebhookEndpointBody] !== undefined)
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.updated', endpointId, { changed }))
    return toWebhookEndpoint(row)
  })
}

/** Deletes an endpoint with its delivery log (admin). */
export async function deleteWebhookEndpoint(db: Db, viewer: Viewer, endpointId: string): Promise<void> {
  assertAdmin(viewer)
  await inTransaction(db, async (trx) => {
    if (!(await deleteEndpoint(trx, viewer.organizationId, endpointId))) throw notFound('Webhook endpoint')
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.deleted', endpointId))
  })
}

/** The endpoint's signing secret, for the admin to give the receiver; every reveal is audited. */
export async function revealWebhookSecret(
  db: Db,
  secrets: SecretBox,
  viewer: Viewer,
  endpointId: string,
): Promise<WebhookSecret> {
  assertAdmin(viewer)
  return inTransaction(db, async (trx) => {
    const row = await loadEndpoint(trx, viewer, endpointId)
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.secret_revealed', endpointId))
    return { secret: secrets.open(row.secret, secretContext(row.id)) }
  })
}

/** Replaces the signing secret at once (the next attempt is signed with the new one) and answers it (admin). */
export async function rotateWebhookSecret(
  db: Db,
  secrets: SecretBox,
  viewer: Viewer,
  endpointId: string,
  now: Date,
): Promise<WebhookSecret> {
  assertAdmin(viewer)
  return inTransaction(db, async (trx) => {
    await loadEndpoint(trx, viewer, endpointId)
    const secret = newWebhookSecret()
    await updateEndpoint(
      trx,
      viewer.organizationId,
      endpointId,
      { secret: secrets.seal(secret, secretContext(endpointId)) },
      now,
    )
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.secret_rotated', endpointId))
    return { secret }
  })
}

function toDelivery(
  row: { id: string; event_id: string; event_type: string; status: WebhookDelivery['status']; created_at: Date },
  attempts: WebhookDeliveryAttemptRow[],
): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      attemptedAt: attempt.attempted_at.toISOString(),
      statusCode: attempt.status_code,
      durationMs: attempt.duration_ms,
      error: attempt.error,
      isRedelivery: attempt.is_redelivery,
    })),
  }
}

/** The endpoint's latest deliveries (newest first) with every attempt: status code, duration, error (admin). */
export async function listWebhookDeliveries(
  db: Db,
  viewer: Viewer,
  endpointId: string,
  limit = 50,
): Promise<WebhookDeliveryList> {
  assertAdmin(viewer)
  await loadEndpoint(db, viewer, endpointId)
  const rows = await listDeliveries(db, viewer.organizationId, endpointId, limit)
  const attempts = await listAttempts(
    db,
    rows.map((row) => row.id),
  )
  return {
    deliveries: rows.map((row) =>
      toDelivery(
        row,
        attempts.filter((attempt) => attempt.delivery_id === row.id),
      ),
    ),
  }
}

/** Sends a delivery again, with the same `webhook-id` (a new series of attempts, admin). */
export async function redeliverWebhook(
  db: Db,
  jobs: JobRunner,
  viewer: Viewer,
  endpointId: string,
  deliveryId: string,
  now: Date,
): Promise<void> {
  assertAdmin(viewer)
  await inTransaction(db, async (trx) => {
    const endpoint = await loadEndpoint(trx, viewer, endpointId)
    const delivery = await findDelivery(trx, viewer.organizationId, endpointId, deliveryId)
    if (!delivery) throw notFound('Webhook delivery')
    if (!endpoint.is_enabled) {
      throw new AppError('conflict', 'The endpoint is turned off: turn it on to send deliveries again')
    }
    await markDeliveryPending(trx, deliveryId, now)
    await jobs.send<WebhookJobData>(
      WEBHOOK_QUEUE,
      {
        organizationId: viewer.organizationId,
        deliveryId,
        isRedelivery: true,
        description: `Webhook redelivery to ${endpoint.url}`,
      },
      { db: trx },
    )
    await recordAuditEvent(trx, auditOf(viewer, 'webhook.redelivered', endpointId, { deliveryId }))
  })
}
