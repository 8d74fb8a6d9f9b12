import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export interface AuditEventInput {
  /** Null for an event of the instance rather than of an organization (a sign-in with an unknown email). */
  organizationId: string | null
  actorId: string | null
  /** The organization API token an integration acted with (decision 043); then actorId is null. */
  actorApiTokenId?: string | null
  action: string
  targetType: string
  targetId?: string | null
  details?: Record<string, unknown>
  /** The client address (request.ip) of the actor; null or omitted for the system's own work. */
  address?: string | null
  /** 'failed' for a refused attempt (a wrong password); 'succeeded' when omitted. */
  outcome?: 'succeeded' | 'failed'
}

/**
 * Lets the current transaction rewrite audit events' details (and nothing else): the append-only
 * trigger of migration 0011 allows it only after this, for an erasure that must remove personal data.
 */
export async function allowAuditDetailsRedaction(trx: Db): Promise<void> {
  await sql`select set_config('tandem.audit_redaction', 'on', true)`.execute(trx)
}

const auditRow = (event: AuditEventInput) => ({
  organization_id: event.organizationId,
  actor_id: event.actorId,
  actor_api_token_id: event.actorApiTokenId ?? null,
  action: event.action,
  target_type: event.targetType,
  target_id: event.targetId ?? null,
  details: JSON.stringify(event.details ?? {}),
  address: event.address ?? null,
  outcome: event.outcome ?? ('succeeded' as const),
})

export function insertAuditEvent(db: Db, event: AuditEventInput) {
  return db.insertInto('audit_events').values(auditRow(event)).execute()
}

/** Many events in one statement (a bulk action records one per person). */
export async function insertAuditEvents(db: Db, events: ReadonlyArray<AuditEventInput>): Promise<void> {
  if (events.length > 0) await db.insertInto('audit_events').values(events.map(auditRow)).execute()
}

export interface AuditEventListOptions {
  organizationId: string
  /** Also the events of no organization (sign-ins with an unknown email). */
  withInstanceEvents: boolean
  actorId?: string
  actions?: string[]
  /** Calendar days in `timeZone`, both included. */
  from?: string
  to?: string
  timeZone: string
  before?: number
  limit: number
}

/** The log, newest first, with the actor's and a person target's current name joined at read time. */
export function listAuditEvents(db: Db, options: AuditEventListOptions) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('people as actor', 'actor.id', 'e.actor_id')
    .leftJoin('api_tokens as token', (join) =>
      join.onRef('token.id', '=', 'e.actor_api_token_id').onRef('token.organization_id', '=', 'e.organization_id'),
    )
    .leftJoin('people as target', (join) =>
      join
        .on('e.target_type', '=', 'person')
        .on(sql<string>`target.id::text`, '=', sql<string>`e.target_id`)
        .onRef('target.organization_id', '=', 'e.organization_id'),
    )
    .select([
      'e.id',
      'e.action',
      'e.target_type',
      'e.target_id',
      'e.details',
      'e.address',
      'e.outcome',
      'e.created_at',
      'e.actor_id',
      'actor.name as actor_name',
      'e.actor_api_token_id',
      'token.name as actor_api_token_name',
      'target.name as target_name',
    ])
    .where((eb) =>
      options.withInstanceEvents
        ? eb.or([eb('e.organization_id', '=', options.organizationId), eb('e.organization_id', 'is', null)])
        : eb('e.organization_id', '=', options.organizationId),
    )
    .orderBy('e.id', 'desc')
    .limit(options.limit)
  if (options.before !== undefined) query = query.where('e.id', '<', options.before)
  if (options.actorId !== undefined) query = query.where('e.actor_id', '=', options.actorId)
  if (options.actions !== undefined) query = query.where('e.action', 'in', options.actions)
  if (options.from !== undefined) {
    query = query.where(
      'e.created_at',
      '>=',
      sql<Date>`(${options.from}::date)::timestamp at time zone ${options.timeZone}`,
    )
  }
  if (options.to !== undefined) {
    query = query.where(
      'e.created_at',
      '<',
      sql<Date>`(${options.to}::date + 1)::timestamp at time zone ${options.timeZone}`,
    )
  }
  return query.execute()
}

export type AuditEventListRow = Awaited<ReturnType<typeof listAuditEvents>>[number]

/** People of the organization who did something recorded in its log, by name. */
export function listAuditActors(db: Db, organizationId: string) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.name'])
    .where('p.organization_id', '=', organizationId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_events as e')
          .select('e.id')
          .whereRef('e.actor_id', '=', 'p.id')
          .where('e.organization_id', '=', organizationId),
      ),
    )
    .orderBy('p.name')
    .execute()
}

/** How many organizations the instance holds. */
export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
