import type { MatchFeedback } from '#contracts/feedback.ts'
import type { ActionItem } from '#contracts/notes.ts'
import type { SessionList } from '#contracts/sessions.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { plural } from '#web/lib/format.ts'
import { namesFrom, rolesLine, spanLabel } from './session-words.ts'

// The words of the workspace's "At a glance" card: one line per part of the relationship.

/** "Wed, Mar 10, 2027, 20:30–21:30 · You coach Ben Ortiz", or null when none is scheduled. */
export function nextSessionLine(list: SessionList, viewerId: string, workspace: Workspace): string | null {
  const next = list.upcoming[0]
  if (!next) return null
  const mine = next.localTimes.find((time) => time.personId === viewerId) ?? next.localTimes[0]
  const people = [
    { personId: viewerId, name: 'you' },
    ...workspace.partners.map((p) => ({ personId: p.personId, name: p.name })),
  ]
  const roles = rolesLine(namesFrom(people, viewerId), next.coachId, next.coacheeId)
  const when = mine ? spanLabel(mine) : next.startsAt
  return roles ? `${when} · ${roles}` : when
}

/** "3 open, 1 of them yours", "None yet", "None open: all 4 done". */
export function actionItemsLine(items: ActionItem[], viewerId: string): string {
  const open = items.filter((item) => item.doneAt === null)
  if (open.length === 0) return items.length === 0 ? 'None yet' : `None open: all ${items.length} done`
  const mine = open.filter((item) => item.ownerId === viewerId).length
  return `${open.length} open, ${mine === 0 ? 'none' : mine} of them yours`
}

/** The latest feedback I received, and what I still owe. */
export function feedbackLine(feedback: MatchFeedback): { received: string; due: string | null } {
  const latest = [...feedback.received].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
  const due =
    feedback.due.length > 0 ? `You still owe feedback for ${plural(feedback.due.length, 'session', 'sessions')}` : null
  if (!latest) return { received: 'None received yet', due }
  return { received: `From ${latest.giverName ?? 'a former member'}`, due }
}

/** "2 active, 1 achieved", "No goals yet". */
export function goalsLine(workspace: Workspace): string {
  const goals = workspace.goals
  if (goals.length === 0) return 'No goals yet'
  const active = goals.filter((goal) => goal.status === 'active').length
  const achieved = goals.filter((goal) => goal.status === 'achieved').length
  return [`${active} active`, achieved > 0 ? `${achieved} achieved` : null].filter(Boolean).join(', ')
}
