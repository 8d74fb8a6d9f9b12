import { sql, type Updateable } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type {
  WebhookDeliveryAttemptRow,
  WebhookDeliveryRow,
  WebhookDeliveryStatus,
  WebhookEndpointRow,
  WebhookEndpointsTable,
  WebhookEventRow,
} from '#server/db/schema.ts'

export function listEndpoints(db: Db, organizationId: string): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findEndpoint(db: Db, organizationId: string, endpointId: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', endpointId)
    .executeTakeFirst()
}

export function insertEndpoint(
  db: Db,
  values: {
    id: string
    organization_id: string
    url: string
    description: string
    event_types: string[]
    is_enabled: boolean
    secret: string
    now: Date
  },
): Promise<WebhookEndpointRow> {
  const { now, ...rest } = values
  return db
    .insertInto('webhook_endpoints')
    .values({ ...rest, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateEndpoint(
  db: Db,
  organizationId: string,
  endpointId: string,
  values: Updateable<WebhookEndpointsTable>,
  now: Date,
) {
  return db
    .updateTable('webhook_endpoints')
    .set({ ...values, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteEndpoint(db: Db, organizationId: string, endpointId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('organization_id', '=', organizationId)
    .where('id', '=', endpointId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** The enabled endpoints of the organization that subscribe to any of these event types. */
export function listSubscribedEndpoints(db: Db, organizationId: string, eventTypes: string[]) {
  return db
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'event_types'])
    .where('organization_id', '=', organizationId)
    .where('is_enabled', '=', true)
    .where('event_types', '&&', sql<string[]>`${eventTypes}::text[]`)
    .execute()
}

export function insertEvents(
  db: Db,
  rows: { organization_id: string; type: string; payload: string; created_at: Date }[],
): Promise<{ id: string; type: string }[]> {
  if (rows.length === 0) return Promise.resolve([])
  return db.insertInto('webhook_events').values(rows).returning(['id', 'type']).execute()
}

export function insertDeliveries(
  db: Db,
  rows: { organization_id: string; endpoint_id: string; event_id: string; created_at: Date; updated_at: Date }[],
): Promise<{ id: string; endpoint_id: string }[]> {
  if (rows.length === 0) return Promise.resolve([])
  return db.insertInto('webhook_deliveries').values(rows).returning(['id', 'endpoint_id']).execute()
}

export interface DeliveryToSend {
  delivery: WebhookDeliveryRow
  event: WebhookEventRow
  endpoint: WebhookEndpointRow
}

/** A delivery with its event and endpoint (read without a lock: no transaction is held across the HTTP call). */
export async function findDeliveryToSend(db: Db, deliveryId: string): Promise<DeliveryToSend | undefined> {
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst()
  if (!delivery) return undefined
  const [event, endpoint] = await Promise.all([
    db.selectFrom('webhook_events').selectAll().where('id', '=', delivery.event_id).executeTakeFirstOrThrow(),
    db.selectFrom('webhook_endpoints').selectAll().where('id', '=', delivery.endpoint_id).executeTakeFirstOrThrow(),
  ])
  return { delivery, event, endpoint }
}

export function findDelivery(db: Db, organizationId: string, endpointId: string, deliveryId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', deliveryId)
    .executeTakeFirst()
}

export async function recordAttempt(
  db: Db,
  deliveryId: string,
  attempt: {
    attempt: number
    attempted_at: Date
    status_code: number | null
    duration_ms: number
    error: string | null
    is_redelivery: boolean
  },
  status: WebhookDeliveryStatus,
): Promise<void> {
  await db
    .insertInto('webhook_delivery_attempts')
    .values({ delivery_id: deliveryId, ...attempt })
    .execute()
  await db
    .updateTable('webhook_deliveries')
    .set({
      status,
      attempts: attempt.attempt,
      last_status_code: attempt.status_code,
      last_error: attempt.error,
      updated_at: attempt.attempted_at,
    })
    .where('id', '=', deliveryId)
    .execute()
}

export async function markDeliveryPending(db: Db, deliveryId: string, now: Date): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', updated_at: now })
    .where('id', '=', deliveryId)
    .execute()
}

export interface DeliveryLogRow {
  id: string
  event_id: string
  event_type: string
  status: WebhookDeliveryStatus
  created_at: Date
}

/** The endpoint's latest deliveries, newest first. */
export function listDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  limit: number,
): Promise<DeliveryLogRow[]> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.event_id', 'e.type as event_type', 'd.status', 'd.created_at'])
    .where('d.organization_id', '=', organizationId)
    .where('d.endpoint_id', '=', endpointId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute()
}

export function listAttempts(db: Db, deliveryIds: string[]): Promise<WebhookDeliveryAttemptRow[]> {
  if (deliveryIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('attempt')
    .execute()
}

/** The stored signing secrets not sealed under the key `keyId` (in the clear, or under a previous key). */
export function listEndpointSecretsToSeal(db: Db, keyId: string) {
  return db
    .selectFrom('webhook_endpoints')
    .select(['id', 'secret'])
    .where('secret', 'not like', `tsk1.${keyId}.%`)
    .execute()
}

/** Replaces a stored signing secret by the same secret sealed again, unless it changed meanwhile. */
export async function resealEndpointSecret(db: Db, endpointId: string, stored: string, sealed: string) {
  await db
    .updateTable('webhook_endpoints')
    .set({ secret: sealed })
    .where('id', '=', endpointId)
    .where('secret', '=', stored)
    .execute()
}
