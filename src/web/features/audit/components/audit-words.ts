import type { AuditEvent } from '#contracts/audit.ts'
import { roleLabel } from '#web/lib/format.ts'

/** Who did it: a person, an integration's API token, someone not signed in (an attempt from an address), or Tandem itself. */
export function actorLabel(
  event: Pick<AuditEvent, 'actor' | 'address'> & Partial<Pick<AuditEvent, 'apiToken'>>,
): string {
  if (event.actor) return event.actor.name
  if (event.apiToken) return `API token: ${event.apiToken.name}`
  return event.address ? 'Not signed in' : 'System'
}

const targetTypeLabels: Record<string, string> = {
  person: 'Person',
  organization: 'Organization',
  program: 'Program',
  match: 'Match',
  matching_run: 'Matching run',
  coaching_session: 'Session',
  skill: 'Skill',
  theme: 'Theme',
  exercise: 'Exercise',
  coaching_question: 'Coaching question',
  people_import: 'People import',
  repair_request: 'Re-pair request',
}

/** What it was done to: a person's name (read today, never stored in the log), or the kind of thing. */
export function targetLabel(event: Pick<AuditEvent, 'targetType' | 'targetId' | 'targetName'>): string {
  if (event.targetName) return event.targetName
  if (event.targetType === 'person') return event.targetId ? 'A person no longer here' : 'Unknown account'
  return targetTypeLabels[event.targetType] ?? event.targetType
}

const reasonLabels: Record<string, string> = {
  unknown_email: 'no account has this email',
  wrong_password: 'wrong password',
  not_activated: 'invitation not accepted yet',
  deactivated: 'account deactivated',
  locked_out: 'too many failed attempts',
  account_not_active: 'account not active',
  too_many_requests: 'too many requests this hour',
  mail_delivery_failed: 'the email could not be sent',
}

function valueLabel(value: unknown): string {
  if (typeof value === 'string' && ['admin', 'program_manager', 'participant'].includes(value)) return roleLabel(value)
  if (value === null || value === undefined) return 'none'
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)
}

/** A short line on the details that matter to a reader (reason, from -> to, fields changed). */
export function detailsLabel(details: Record<string, unknown>): string {
  const parts: string[] = []
  if (typeof details.reason === 'string') parts.push(reasonLabels[details.reason] ?? details.reason)
  if ('from' in details && 'to' in details) parts.push(`${valueLabel(details.from)} → ${valueLabel(details.to)}`)
  if (Array.isArray(details.changed)) {
    parts.push(
      `changed ${details.changed
        .map((field) => {
          const change = details[String(field)] as { from?: unknown; to?: unknown } | undefined
          return change && typeof change === 'object' && 'to' in change
            ? `${String(field)} (${valueLabel(change.from)} → ${valueLabel(change.to)})`
            : String(field)
        })
        .join(', ')}`,
    )
  }
  return parts.join('; ')
}
