import { Temporal } from 'temporal-polyfill'
import { isTimeZone } from './time-zone.ts'

// The one place Tandem does zone and calendar math, on the Temporal API (temporal-polyfill: Node 24
// has Temporal only behind --harmony-temporal, browsers not everywhere yet). Server, web and
// matching call these functions; nothing else computes a UTC offset or a daylight-saving change.
// Instants cross the boundary as Date (what Kysely and JSON give us); wall-clock times as
// 'YYYY-MM-DDTHH:mm' strings (LocalDateTimeSchema), since sessions start on whole minutes.
//
// Gaps and overlaps, one rule everywhere: a wall-clock time the clocks skip (spring forward) does
// not exist, and callers decide what to do (refuse it, or fall back); a wall-clock time that
// happens twice (fall back) is its first occurrence, as RFC 5545 reads it.

export { isTimeZone, TimeZoneSchema } from './time-zone.ts'
export { Temporal }

/** A zone name Tandem does not know reached the time module: a bug upstream, never read as UTC. */
export class UnknownTimeZoneError extends RangeError {
  readonly timeZone: string
  constructor(timeZone: string) {
    super(`Unknown time zone: ${JSON.stringify(timeZone)}`)
    this.name = 'UnknownTimeZoneError'
    this.timeZone = timeZone
  }
}

function checked(timeZone: string): string {
  if (!isTimeZone(timeZone)) throw new UnknownTimeZoneError(timeZone)
  return timeZone
}

/** The instant seen in a zone. */
export function zonedAt(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(checked(timeZone))
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a zone (seconds dropped). */
export function toLocal(instant: Date, timeZone: string): string {
  return zonedAt(instant, timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' })
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return zonedAt(instant, timeZone).toPlainDate().toString()
}

/** Minutes the zone is ahead of UTC at an instant (Kolkata +330, Los Angeles -480 or -420). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(zonedAt(instant, timeZone).offsetNanoseconds / 60e9)
}

/** The zone's UTC offset at an instant as '+05:30', '-08:00', '+00:00'. */
export function utcOffset(instant: Date, timeZone: string): string {
  // Rounded to the minute: a few zones had second offsets before 1900 ('+00:09:21' in Paris).
  return formatOffset(offsetMinutes(instant, timeZone))
}

/** '+05:30', '-08:00' for a minute count. */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

export type LocalToInstant =
  | { kind: 'ok'; instant: Date }
  /** The local time falls in a gap (clocks jumped forward): it never happens in that zone. */
  | { kind: 'nonexistent' }

function plain(local: string): Temporal.PlainDateTime {
  return Temporal.PlainDateTime.from(local, { overflow: 'reject' })
}

/**
 * The instant a wall-clock time happens in a zone: its first occurrence when it happens twice
 * (clocks fall back); `nonexistent` when the clocks skip it (spring forward).
 */
export function localToInstant(local: string, timeZone: string): LocalToInstant {
  const wall = plain(local)
  const earlier = wall.toZonedDateTime(checked(timeZone), { disambiguation: 'earlier' })
  // In a gap, 'earlier' moves the wall-clock time back by the gap's length: it is not the time asked for.
  if (!earlier.toPlainDateTime().equals(wall)) return { kind: 'nonexistent' }
  return { kind: 'ok', instant: new Date(earlier.epochMilliseconds) }
}

/** The instant's wall-clock time happens twice in the zone (the hour repeated when clocks fall back). */
export function isAmbiguousLocal(instant: Date, timeZone: string): boolean {
  const wall = zonedAt(instant, timeZone).toPlainDateTime()
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' })
  const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' })
  return earlier.epochMilliseconds !== later.epochMilliseconds && earlier.toPlainDateTime().equals(wall)
}

/** The same wall-clock time `days` calendar days later (a weekly series stays at 20:30 local). */
export function addLocalDays(local: string, days: number): string {
  return plain(local).add({ days }).toString({ smallestUnit: 'minute' })
}

/**
 * The instant a date's wall-clock time happens in a zone, for times of day that recur (working
 * hours): in a gap, the time the clocks show once they have jumped ('compatible': 02:30 -> 03:30);
 * in a repeated hour, the first occurrence.
 */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone: checked(timeZone),
    plainTime: Temporal.PlainTime.from(time),
  })
  return new Date(zoned.epochMilliseconds)
}

/** The calendar date `days` days after a 'YYYY-MM-DD' date, with its ISO weekday (1 = Monday). */
export function addDays(date: string, days: number): { date: string; weekday: number } {
  const next = Temporal.PlainDate.from(date).add({ days })
  return { date: next.toString(), weekday: next.dayOfWeek }
}

/** The wall-clock fields of an instant in a zone: ISO weekday (1 = Monday), date and 'HH:mm'. */
export function wallClock(instant: Date, timeZone: string): { date: string; weekday: number; time: string } {
  const zoned = zonedAt(instant, timeZone)
  return {
    date: zoned.toPlainDate().toString(),
    weekday: zoned.dayOfWeek,
    time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }),
  }
}
