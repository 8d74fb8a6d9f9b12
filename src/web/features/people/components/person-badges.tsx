import type { PersonStatus, Role } from '#contracts/people.ts'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { roleLabel, statusLabel } from '#web/lib/format.ts'

const statusTones: Record<PersonStatus, BadgeTone> = { active: 'success', invited: 'warning', deactivated: 'neutral' }
const roleTones: Record<Role, BadgeTone> = { admin: 'primary', program_manager: 'primary', participant: 'neutral' }

export function StatusBadge({ status }: { status: PersonStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabel(status)}</Badge>
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={roleTones[role]}>{roleLabel(role)}</Badge>
}
