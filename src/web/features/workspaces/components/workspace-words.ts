import { formatClock } from '#contracts/date-format.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { currentReader } from '#web/lib/format.ts'

/** "Ana Lima and Ben Ortiz", "Ana Lima, Ben Ortiz and Carla Diaz". */
export function namesList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** How I take part in this match, in a few words. */
export function roleWords(role: Workspace['myRole']): string {
  if (role === 'mentor') return 'You are the mentor'
  if (role === 'mentee') return 'You are the mentee'
  if (role === 'member') return 'Circle member'
  return 'Peers: you coach each other'
}

/** The partner's clock right now, or null when the time zone is unknown to this browser. */
export function partnerLocalTime(timeZone: string, now = new Date()): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    return null
  }
  return formatClock(now, { locale: currentReader().locale, timeZone })
}
