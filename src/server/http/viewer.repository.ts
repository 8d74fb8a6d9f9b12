import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'

export interface SessionViewerRow {
  session_id: string
  csrf_token: string
  last_seen_at: Date
  expires_at: Date
  id: string
  organization_id: string
  role: Role
  name: string
  email: string
  is_mfa_enrollment_required: boolean
}

/** The live session with this token hash, joined to its active person of the same organization. */
export function findSessionViewer(db: Db, sessionId: string, now: Date): Promise<SessionViewerRow | undefined> {
  return db
    .selectFrom('auth_sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'p.id',
      'p.organization_id',
      'p.role',
      'p.name',
      'p.email',
      's.is_mfa_enrollment_required',
    ])
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('p.status', '=', 'active')
    .whereRef('p.organization_id', '=', 's.organization_id')
    .executeTakeFirst()
}

export async function updateSessionLastSeen(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('auth_sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute()
}
