import type { Goal, Workspace } from '#contracts/workspaces.ts'

export interface GoalGroup {
  ownerId: string
  /** "Your goals", "Ben Ortiz's goals". */
  title: string
  isMine: boolean
  /** Whether this member sets goals here (in mentoring only the mentee does). */
  canOwnGoals: boolean
  goals: Goal[]
}

const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`)

/**
 * The goals by member, me first: in mentoring the mentor owns none, so their group only appears
 * when it holds goals (set before a role change, say).
 */
export function goalGroups(workspace: Workspace, viewerId: string): GoalGroup[] {
  const isMentoring = workspace.program.type === 'peer_mentoring'
  const goalsOf = (ownerId: string) =>
    workspace.goals
      .filter((goal) => goal.ownerId === ownerId)
      .sort((a, b) => statusRank(a) - statusRank(b) || a.dueOn.localeCompare(b.dueOn))
  const groups: GoalGroup[] = [
    {
      ownerId: viewerId,
      title: 'Your goals',
      isMine: true,
      canOwnGoals: workspace.canOwnGoals,
      goals: goalsOf(viewerId),
    },
    ...workspace.partners.map((partner) => ({
      ownerId: partner.personId,
      title: `${possessive(partner.name)} goals`,
      isMine: false,
      canOwnGoals: !isMentoring || partner.role === 'mentee',
      goals: goalsOf(partner.personId),
    })),
  ]
  return groups.filter((group) => group.canOwnGoals || group.goals.length > 0)
}

// Active goals first, then achieved, then dropped.
function statusRank(goal: Goal): number {
  return goal.status === 'active' ? 0 : goal.status === 'achieved' ? 1 : 2
}

/** "2 of 3 milestones done". */
export function milestoneSummary(goal: Goal): string {
  const done = goal.milestones.filter((milestone) => milestone.doneAt !== null).length
  return `${done} of ${goal.milestones.length} ${goal.milestones.length === 1 ? 'milestone' : 'milestones'} done`
}

/** A typed or slid progress as the whole percent the API takes (0-100), or null when it is not a number. */
export function parseProgress(value: string): number | null {
  if (value.trim() === '') return null
  const number = Number(value)
  if (!Number.isFinite(number)) return null
  return Math.min(100, Math.max(0, Math.round(number)))
}
