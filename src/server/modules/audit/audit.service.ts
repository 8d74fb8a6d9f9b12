import type { Db } from '#server/db/connect.ts'
import { type AuditEventInput, insertAuditEvent } from './audit.repository.ts'

/** Records who did what to which resource; call it inside the transaction of the change itself. */
export function recordAuditEvent(db: Db, event: AuditEventInput): Promise<unknown> {
  return insertAuditEvent(db, event)
}
