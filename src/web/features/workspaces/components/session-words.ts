import type { SessionLocalTime } from '#contracts/sessions.ts'

// Words for sessions. Local times come from the server, already in each member's own zone, as
// 'YYYY-MM-DDTHH:mm': they are shown as they are, whatever the browser's zone.

const dayFormatter = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** '2027-03-10T20:30' -> "Wed, Mar 10, 2027" (the wall-clock day, whatever the browser's zone). */
export function dayLabel(local: string): string {
  const [year, month, day] = local.slice(0, 10).split('-').map(Number)
  return dayFormatter.format(new Date(Date.UTC(year, month - 1, day)))
}

export const clock = (local: string) => local.slice(11, 16)

export function spanLabel(time: Pick<SessionLocalTime, 'start' | 'end'>): string {
  const sameDay = time.start.slice(0, 10) === time.end.slice(0, 10)
  return `${dayLabel(time.start)}, ${clock(time.start)}–${sameDay ? '' : `${dayLabel(time.end)}, `}${clock(time.end)}`
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
