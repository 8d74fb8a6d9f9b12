import type { Db } from '#server/db/connect.ts'

export interface AuditEventInput {
  organizationId: string
  actorId: string | null
  action: string
  targetType: string
  targetId?: string | null
  details?: Record<string, unknown>
  /** The client address (request.ip) of the actor; null or omitted for the system's own work. */
  address?: string | null
  /** 'failed' for a refused attempt (a wrong password); 'succeeded' when omitted. */
  outcome?: 'succeeded' | 'failed'
}

export function insertAuditEvent(db: Db, event: AuditEventInput) {
  return db
    .insertInto('audit_events')
    .values({
      organization_id: event.organizationId,
      actor_id: event.actorId,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}),
      address: event.address ?? null,
      outcome: event.outcome ?? 'succeeded',
    })
    .execute()
}

export function listAuditEvents(db: Db, organizationId: string, options: { limit: number; before?: number }) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('people as p', 'p.id', 'e.actor_id')
    .select([
      'e.id',
      'e.action',
      'e.target_type',
      'e.target_id',
      'e.details',
      'e.created_at',
      'e.actor_id',
      'p.name as actor_name',
    ])
    .where('e.organization_id', '=', organizationId)
    .orderBy('e.id', 'desc')
    .limit(options.limit)
  if (options.before !== undefined) query = query.where('e.id', '<', options.before)
  return query.execute()
}
