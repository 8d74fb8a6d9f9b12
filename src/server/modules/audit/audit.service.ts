import { stringify } from 'csv-stringify/sync'
import {
  AUDIT_KINDS,
  type AuditActorList,
  type AuditEvent,
  type AuditEventFilters,
  type AuditEventPage,
  type AuditKind,
  actionsOfKind,
  auditActionLabel,
} from '#contracts/audit.ts'
import { zonedAt } from '#contracts/time.ts'
import type { Db } from '#server/db/connect.ts'
import type { Viewer } from '#server/http/viewer.ts'
import {
  type AuditEventInput,
  type AuditEventListRow,
  allowAuditDetailsRedaction,
  countOrganizations,
  insertAuditEvent,
  insertAuditEvents,
  listAuditActors,
  listAuditEvents,
} from './audit.repository.ts'

/**
 * Records who did what to which resource, from which address and with which outcome; call it inside
 * the transaction of the change itself. Details hold ids, counts and settings values, never private
 * text or names (names are joined when the log is read, so an erased person's name is nowhere in it).
 */
export function recordAuditEvent(db: Db, event: AuditEventInput): Promise<unknown> {
  return insertAuditEvent(db, event)
}

/**
 * Who acted, as an audit event records it: the person, or the API token an integration used (no
 * person acted then; decision 043), and from which address.
 */
export function auditActorOf(viewer: {
  personId: string | null
  address: string | null
  integration?: Viewer['integration']
}): Pick<AuditEventInput, 'actorId' | 'actorApiTokenId' | 'address'> {
  return viewer.integration
    ? { actorId: null, actorApiTokenId: viewer.integration.tokenId, address: viewer.address }
    : { actorId: viewer.personId, address: viewer.address }
}

/** recordAuditEvent for many events at once (one per person of a bulk action), in one statement per 1000. */
export async function recordAuditEvents(db: Db, events: ReadonlyArray<AuditEventInput>): Promise<void> {
  for (let start = 0; start < events.length; start += 1000) {
    await insertAuditEvents(db, events.slice(start, start + 1000))
  }
}

/**
 * Inside an erasure's transaction only: audit events' details may then be rewritten to remove a
 * person's data; who acted, when, on what and with which outcome stay as recorded.
 */
export function beginAuditRedaction(trx: Db): Promise<void> {
  return allowAuditDetailsRedaction(trx)
}

function toAuditEvent(row: AuditEventListRow): AuditEvent {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'Former member' } : null,
    apiToken: row.actor_api_token_id
      ? { id: row.actor_api_token_id, name: row.actor_api_token_name ?? 'API token' }
      : null,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    address: row.address,
    outcome: row.outcome,
    details: row.details,
  }
}

async function listOptions(db: Db, viewer: Viewer, filters: AuditEventFilters) {
  const actions =
    filters.action === undefined
      ? undefined
      : filters.action in AUDIT_KINDS
        ? actionsOfKind(filters.action as AuditKind)
        : [filters.action]
  return {
    organizationId: viewer.organizationId,
    // An unknown email's failed sign-in belongs to no organization: shown where the instance holds
    // one organization only (its admins run the instance), never across tenants.
    withInstanceEvents: (await countOrganizations(db)) <= 1,
    actorId: filters.actorId,
    actions,
    from: filters.from,
    to: filters.to,
    timeZone: filters.timeZone,
  }
}

/** A page of the organization's audit log, newest first, filtered by actor, kind or action and days (admin). */
export async function listAuditLog(db: Db, viewer: Viewer, filters: AuditEventFilters): Promise<AuditEventPage> {
  const rows = await listAuditEvents(db, {
    ...(await listOptions(db, viewer, filters)),
    before: filters.before,
    limit: filters.limit + 1,
  })
  const page = rows.slice(0, filters.limit)
  return {
    events: page.map(toAuditEvent),
    nextBefore: rows.length > filters.limit ? (page[page.length - 1]?.id ?? null) : null,
  }
}

/** The people who appear as actors in the log, for the actor filter (admin). */
export async function listAuditLogActors(db: Db, viewer: Viewer): Promise<AuditActorList> {
  return { actors: await listAuditActors(db, viewer.organizationId) }
}

const CSV_BATCH = 1000

// A cell starting like a formula is written with a leading quote, so a spreadsheet shows it as text.
const FORMULA_START = /^[=+\-@\t\r|%]/
const csvCell = (value: string | number | null) =>
  value === null ? '' : typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value

function localTime(date: Date, timeZone: string): string {
  // "2026-12-07 09:30:00": sortable, and read the same everywhere.
  return zonedAt(date, timeZone).toPlainDateTime().toString({ smallestUnit: 'second' }).replace('T', ' ')
}

/** The whole filtered log as CSV (every page, newest first); the export itself is recorded (admin). */
export async function exportAuditLogCsv(
  db: Db,
  viewer: Viewer,
  filters: AuditEventFilters,
): Promise<{ filename: string; csv: string }> {
  const options = await listOptions(db, viewer, filters)
  const rows: (string | number | null)[][] = []
  let before = filters.before
  for (;;) {
    const batch = await listAuditEvents(db, { ...options, before, limit: CSV_BATCH })
    for (const row of batch) {
      const event = toAuditEvent(row)
      rows.push([
        event.id,
        event.createdAt,
        localTime(row.created_at, filters.timeZone),
        event.actor?.name ??
          (event.apiToken ? `API token: ${event.apiToken.name}` : event.address ? 'Not signed in' : 'System'),
        event.actor?.id ?? null,
        event.action,
        event.actionLabel,
        event.targetType,
        event.targetId,
        event.targetName,
        event.address,
        event.outcome,
        JSON.stringify(event.details),
      ])
    }
    if (batch.length < CSV_BATCH) break
    before = batch[batch.length - 1]?.id
  }
  await recordAuditEvent(db, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action: 'audit_log.exported',
    targetType: 'organization',
    targetId: viewer.organizationId,
    details: {
      rows: rows.length,
      filters: {
        actorId: filters.actorId ?? null,
        action: filters.action ?? null,
        from: filters.from ?? null,
        to: filters.to ?? null,
      },
    },
  })
  const csv = stringify(
    rows.map((row) => row.map(csvCell)),
    {
      header: true,
      columns: [
        'id',
        'time_utc',
        `time (${filters.timeZone})`,
        'actor',
        'actor_id',
        'action',
        'action_label',
        'target_type',
        'target_id',
        'target',
        'address',
        'outcome',
        'details',
      ],
    },
  )
  return { filename: 'audit-log.csv', csv }
}
