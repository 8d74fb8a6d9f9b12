import { type AccessStatus, accessStatusText, type PersonAccess, type Role } from '#contracts/people.ts'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { formatDate, roleLabel } from '#web/lib/format.ts'

const statusTones: Record<AccessStatus, BadgeTone> = {
  not_invited: 'warning',
  invited: 'primary',
  active: 'success',
  deactivated: 'neutral',
}
const roleTones: Record<Role, BadgeTone> = { admin: 'primary', program_manager: 'primary', participant: 'neutral' }

/** A person's status in the one wording of the contracts: Not invited, Invited (until <date>), Active, Deactivated. */
export function StatusBadge({ access }: { access: PersonAccess }) {
  return <Badge tone={statusTones[access.status]}>{accessStatusText(access, formatDate)}</Badge>
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={roleTones[role]}>{roleLabel(role)}</Badge>
}
