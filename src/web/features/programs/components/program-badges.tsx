import type { ProgramStatus, ProgramType } from '#contracts/programs.ts'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { programStatusLabel, programTypeLabel } from '#web/lib/format.ts'

const statusTones: Record<ProgramStatus, BadgeTone> = {
  draft: 'neutral',
  enrolling: 'primary',
  matching: 'warning',
  active: 'success',
  completed: 'neutral',
  archived: 'neutral',
}

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  return <Badge tone={statusTones[status]}>{programStatusLabel(status)}</Badge>
}

export function ProgramTypeBadge({ type }: { type: ProgramType }) {
  return <Badge tone="neutral">{programTypeLabel(type)}</Badge>
}

/** What each kind of program is, in a sentence or two. */
export const programTypeExplanations: Record<ProgramType, string> = {
  peer_coaching:
    'Pairs of equals coach each other in turn: short and structured, typically 6 sessions every 2 weeks, aimed at goals both agree.',
  coaching_circle:
    'Groups of 3 to 5 peers meet to work on each member’s challenge in turn, with the same techniques as peer coaching.',
  peer_mentoring:
    'A more experienced colleague guides a mentee over several months; a mentor may take more than one mentee.',
}
