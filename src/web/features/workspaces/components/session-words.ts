import { formatClock, formatMoment, formatSpan } from '#contracts/date-format.ts'
import type { SessionLocalTime } from '#contracts/sessions.ts'
import { currentReader } from '#web/lib/format.ts'

// Words for sessions. Local times come from the server, already in each member's own zone, as
// 'YYYY-MM-DDTHH:mm': they are shown as they are, whatever the browser's zone, written in the
// reader's locale by the one date module (read as that wall-clock time in UTC).

const wall = (local: string) => new Date(`${local.slice(0, 16)}:00Z`)
const asWritten = () => ({ locale: currentReader().locale, timeZone: 'UTC' })

/** '2027-03-10T20:30' -> "10 Mar 2027, 20:30" (en-GB), "Mar 10, 2027, 8:30 PM" (en-US). */
export function momentLabel(local: string): string {
  return formatMoment(wall(local), asWritten())
}

/** '2027-03-10T20:30' -> "20:30", "8:30 PM". */
export function clockLabel(local: string): string {
  return formatClock(wall(local), asWritten())
}

/** 'HH:mm' of a local time: the value of a time field. */
export const clock = (local: string) => local.slice(11, 16)

/** "Wed, 10 Mar 2027, 20:30–21:15", naming the end's day only when it runs past midnight. */
export function spanLabel(time: Pick<SessionLocalTime, 'start' | 'end'>): string {
  return formatSpan(wall(time.start), wall(time.end), asWritten())
}

export const offsetLabel = (offset: string) => `UTC${offset.replace('-', '−')}`

export type NameOf = (personId: string | null) => string

/** Names from a session's members, "you" for the viewer. */
export function namesFrom(people: { personId: string; name: string }[], viewerId: string): NameOf {
  return (personId) =>
    personId === viewerId ? 'you' : (people.find((p) => p.personId === personId)?.name ?? 'a former member')
}

/** "Ben Ortiz coaches you", "You coach Ben Ortiz". */
export function rolesLine(nameOf: NameOf, coachId: string | null, coacheeId: string | null): string | null {
  if (!coachId || !coacheeId) return null
  const coach = nameOf(coachId)
  const coachee = nameOf(coacheeId)
  if (coach === 'you') return `You coach ${coachee}`
  return `${coach.charAt(0).toUpperCase()}${coach.slice(1)} coaches ${coachee}`
}
