// Wall-clock times in IANA zones with Intl alone: local -> UTC (with DST gaps and overlaps),
// UTC -> local, offsets, working hours, and the zone transitions a VTIMEZONE lists.

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock fields of an instant in a zone (seconds dropped: sessions start on minutes). */
export function localParts(instant: Date, timeZone: string): LocalParts & { second: number } {
  const values: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value)
  }
  return {
    year: values.year,
    month: values.month,
    day: values.day,
    hour: values.hour === 24 ? 0 : values.hour,
    minute: values.minute,
    second: values.second,
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

export function formatLocal(parts: LocalParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}`
}

export function parseLocal(local: string): LocalParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) throw new Error(`Not a local date-time: ${local}`)
  const [, year, month, day, hour, minute] = match.map(Number)
  return { year, month, day, hour, minute }
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a zone. */
export function toLocal(instant: Date, timeZone: string): string {
  return formatLocal(localParts(instant, timeZone))
}

/** Minutes the zone is ahead of UTC at an instant (Kolkata +330, Los Angeles -480 or -420). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE)
}

/** '+05:30', '-08:00'. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

export type LocalToUtc =
  | { kind: 'ok'; instant: Date }
  /** The local time falls in a gap (clocks jumped forward): it never happens in that zone. */
  | { kind: 'nonexistent' }

/**
 * The instant a wall-clock time happens in a zone. A time that happens twice (clocks fall back)
 * is its first occurrence; a time in a gap (clocks spring forward) does not exist.
 */
export function localToUtc(local: string, timeZone: string): LocalToUtc {
  const [first] = localCandidates(local, timeZone)
  return first === undefined ? { kind: 'nonexistent' } : { kind: 'ok', instant: new Date(first) }
}

/** Every instant (ms, earliest first) at which a wall-clock time happens in a zone: none, one, or two. */
function localCandidates(local: string, timeZone: string): number[] {
  const p = parseLocal(local)
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  // The offsets in force around that wall-clock time: one of them is the right one, if any.
  const offsets = new Set([-DAY, 0, DAY].map((shift) => offsetMinutes(new Date(naive + shift), timeZone)))
  return [...offsets]
    .map((offset) => naive - offset * MINUTE)
    .filter((instant) => toLocal(new Date(instant), timeZone) === local)
    .sort((a, b) => a - b)
}

/** The instant's wall-clock time happens twice in the zone (the hour repeated when clocks fall back). */
export function isAmbiguousLocal(instant: Date, timeZone: string): boolean {
  return localCandidates(toLocal(instant, timeZone), timeZone).length > 1
}

/** The same wall-clock time `days` calendar days later (a weekly series stays at 20:30 local). */
export function addLocalDays(local: string, days: number): string {
  const p = parseLocal(local)
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day + days, p.hour, p.minute))
  return formatLocal({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  })
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(parts: Pick<LocalParts, 'year' | 'month' | 'day'>): number {
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

export interface WorkingTime {
  timeZone: string
  /** 'HH:MM' */
  workingHoursStart: string
  workingHoursEnd: string
  /** ISO weekdays, 1 = Monday. */
  workingDays: number[]
}

const hhmm = (parts: LocalParts) => `${pad(parts.hour)}:${pad(parts.minute)}`

/** The whole span lies inside the person's working hours, on one of their working days. */
export function isInWorkingHours(start: Date, end: Date, person: WorkingTime): boolean {
  const from = localParts(start, person.timeZone)
  const to = localParts(new Date(end.getTime() - MINUTE), person.timeZone)
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day
  if (!sameDay || !person.workingDays.includes(isoWeekday(from))) return false
  const endLocal = localParts(end, person.timeZone)
  const endTime = endLocal.day === from.day ? hhmm(endLocal) : '24:00'
  return hhmm(from) >= person.workingHoursStart && endTime <= person.workingHoursEnd
}

export interface ZoneTransition {
  /** The first instant of the new offset. */
  at: Date
  offsetFrom: number
  offsetTo: number
}

/** Every change of the zone's UTC offset between two instants (scanning by day, then bisecting). */
export function zoneTransitions(timeZone: string, from: Date, to: Date): ZoneTransition[] {
  const transitions: ZoneTransition[] = []
  let previous = Math.floor(from.getTime() / MINUTE) * MINUTE
  let previousOffset = offsetMinutes(from, timeZone)
  for (let t = previous + DAY; t <= to.getTime() + DAY; t += DAY) {
    const offset = offsetMinutes(new Date(t), timeZone)
    if (offset !== previousOffset) {
      let low = previous
      let high = t
      while (high - low > MINUTE) {
        const middle = Math.floor((low + high) / 2 / MINUTE) * MINUTE
        if (offsetMinutes(new Date(middle), timeZone) === previousOffset) low = middle
        else high = middle
      }
      transitions.push({ at: new Date(high), offsetFrom: previousOffset, offsetTo: offset })
      previousOffset = offset
    }
    previous = t
  }
  return transitions
}
