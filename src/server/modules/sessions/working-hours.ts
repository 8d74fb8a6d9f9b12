import { addDays, atLocalTime, wallClock } from '#contracts/time.ts'

export interface WorkingTime {
  timeZone: string
  /** 'HH:MM' */
  workingHoursStart: string
  workingHoursEnd: string
  /** ISO weekdays, 1 = Monday. */
  workingDays: number[]
}

export interface Span {
  start: Date
  end: Date
}

/** The person's working hours on a local date, as instants; null on a day off. */
function workingSpanOn(date: string, weekday: number, person: WorkingTime): Span | null {
  if (!person.workingDays.includes(weekday)) return null
  return {
    start: atLocalTime(date, person.workingHoursStart, person.timeZone),
    end: atLocalTime(date, person.workingHoursEnd, person.timeZone),
  }
}

const contains = (outer: Span, start: Date, end: Date) =>
  outer.start.getTime() <= start.getTime() && end.getTime() <= outer.end.getTime()

/** The whole span lies inside the person's working hours, on one of their working days. */
export function isInWorkingHours(start: Date, end: Date, person: WorkingTime): boolean {
  const day = wallClock(start, person.timeZone)
  const hours = workingSpanOn(day.date, day.weekday, person)
  return hours !== null && contains(hours, start, end)
}

/**
 * The person's working hours on every local day touching [from, to]: for checking many spans
 * against them (slot suggestions) without a zone conversion for each span.
 */
export function workingSpans(person: WorkingTime, from: Date, to: Date): Span[] {
  const spans: Span[] = []
  const last = wallClock(to, person.timeZone).date
  let day: { date: string; weekday: number } = wallClock(from, person.timeZone)
  while (day.date <= last) {
    const hours = workingSpanOn(day.date, day.weekday, person)
    if (hours) spans.push(hours)
    day = addDays(day.date, 1)
  }
  return spans
}

/** Same rule as isInWorkingHours, against spans from workingSpans. */
export function isInsideSpans(start: Date, end: Date, spans: Span[]): boolean {
  return spans.some((hours) => contains(hours, start, end))
}
