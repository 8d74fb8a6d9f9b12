import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  addLocalDays,
  formatOffset,
  isAmbiguousLocal,
  isTimeZone,
  localDate,
  localToInstant,
  offsetMinutes,
  TimeZoneSchema,
  toLocal,
  UnknownTimeZoneError,
  utcOffset,
  wallClock,
} from './time.ts'

const instant = (local: string, zone: string) => {
  const converted = localToInstant(local, zone)
  if (converted.kind !== 'ok') throw new Error(`${local} does not exist in ${zone}`)
  return converted.instant.toISOString()
}

// The 2027 changes the acceptance names, each with the hour the clocks skip and the hour they repeat.
const CHANGES = [
  // Europe/Paris: 28 March 02:00 -> 03:00 (+01:00 -> +02:00); 31 October 03:00 -> 02:00.
  { zone: 'Europe/Paris', gap: '2027-03-28T02:30', overlap: '2027-10-31T02:30', before: 60, after: 120 },
  // America/New_York: 14 March 02:00 -> 03:00 (-05:00 -> -04:00); 7 November 02:00 -> 01:00.
  { zone: 'America/New_York', gap: '2027-03-14T02:30', overlap: '2027-11-07T01:30', before: -300, after: -240 },
  // Australia/Sydney (southern summer): 4 April 03:00 -> 02:00 (+11 -> +10); 3 October 02:00 -> 03:00.
  { zone: 'Australia/Sydney', gap: '2027-10-03T02:30', overlap: '2027-04-04T02:30', before: 600, after: 660 },
  // Australia/Adelaide, a half-hour zone with DST: +09:30 / +10:30, same days as Sydney.
  { zone: 'Australia/Adelaide', gap: '2027-10-03T02:30', overlap: '2027-04-04T02:30', before: 570, after: 630 },
  // Australia/Lord_Howe moves its clocks by 30 minutes: +10:30 / +11:00.
  { zone: 'Australia/Lord_Howe', gap: '2027-10-03T02:15', overlap: '2027-04-04T01:45', before: 630, after: 660 },
] as const

describe('zone names', () => {
  test('IANA names and UTC are known; offsets, lower case and inventions are not', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Asia/Kathmandu'])
      expect(isTimeZone(zone), zone).toBe(true)
    for (const zone of ['Mars/Olympus', '+05:30', 'europe/paris', '', 'Europe/Paris ', 'GMT+5:30'])
      expect(isTimeZone(zone), zone).toBe(false)
    expect(TimeZoneSchema.safeParse('Mars/Olympus').success).toBe(false)
    expect(TimeZoneSchema.safeParse('Australia/Lord_Howe').success).toBe(true)
  })

  test('an unknown zone is an error, never UTC', () => {
    const at = new Date('2027-01-15T12:00:00Z')
    expect(() => toLocal(at, 'Mars/Olympus')).toThrow(UnknownTimeZoneError)
    expect(() => offsetMinutes(at, 'Mars/Olympus')).toThrow(UnknownTimeZoneError)
    expect(() => localToInstant('2027-01-15T12:00', 'Mars/Olympus')).toThrow(UnknownTimeZoneError)
    expect(() => isAmbiguousLocal(at, '+05:30')).toThrow(UnknownTimeZoneError)
  })
})

describe('local time to an instant', () => {
  test('fixed and daylight-saving zones, 30- and 45-minute offsets', () => {
    expect(instant('2027-03-10T20:30', 'Asia/Kolkata')).toBe('2027-03-10T15:00:00.000Z')
    expect(instant('2027-03-10T07:00', 'America/Los_Angeles')).toBe('2027-03-10T15:00:00.000Z')
    expect(instant('2027-03-17T08:00', 'America/Los_Angeles')).toBe('2027-03-17T15:00:00.000Z')
    expect(instant('2027-07-01T09:00', 'Europe/Lisbon')).toBe('2027-07-01T08:00:00.000Z')
    expect(instant('2027-01-01T00:00', 'UTC')).toBe('2027-01-01T00:00:00.000Z')
    expect(instant('2027-01-15T12:00', 'Asia/Kathmandu')).toBe('2027-01-15T06:15:00.000Z')
    expect(instant('2027-01-15T12:00', 'Australia/Sydney')).toBe('2027-01-15T01:00:00.000Z')
    expect(instant('2027-01-15T12:00', 'Australia/Adelaide')).toBe('2027-01-15T01:30:00.000Z')
  })

  test.each(CHANGES)('$zone: a time in the spring-forward gap does not exist', ({ zone, gap }) => {
    expect(localToInstant(gap, zone)).toEqual({ kind: 'nonexistent' })
  })

  test.each(CHANGES)('$zone: a time that happens twice is its first occurrence', ({ zone, overlap, before, after }) => {
    const first = new Date(instant(overlap, zone))
    // The first occurrence is still on the summer (larger) offset.
    expect(offsetMinutes(first, zone)).toBe(Math.max(before, after))
    expect(isAmbiguousLocal(first, zone)).toBe(true)
    const second = new Date(first.getTime() + Math.abs(after - before) * 60_000)
    expect(toLocal(second, zone)).toBe(overlap)
    expect(isAmbiguousLocal(second, zone)).toBe(true)
    expect(offsetMinutes(second, zone)).toBe(Math.min(before, after))
    expect(isAmbiguousLocal(new Date(first.getTime() - 3 * 3_600_000), zone)).toBe(false)
  })

  test('the minutes either side of a gap exist', () => {
    expect(instant('2027-03-14T01:59', 'America/New_York')).toBe('2027-03-14T06:59:00.000Z')
    expect(instant('2027-03-14T03:00', 'America/New_York')).toBe('2027-03-14T07:00:00.000Z')
    expect(instant('2027-03-28T01:59', 'Europe/Paris')).toBe('2027-03-28T00:59:00.000Z')
    expect(instant('2027-03-28T03:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z')
  })

  test('zones without daylight saving have no gap and no repeated hour', () => {
    for (const zone of ['Asia/Kolkata', 'Asia/Kathmandu', 'UTC']) {
      expect(localToInstant('2027-03-28T02:30', zone).kind).toBe('ok')
      expect(isAmbiguousLocal(new Date('2027-11-07T06:30:00Z'), zone)).toBe(false)
    }
  })

  test('a date that is not in the calendar is refused, not rolled over', () => {
    expect(() => localToInstant('2027-02-30T10:00', 'UTC')).toThrow(RangeError)
  })
})

describe('an instant in a zone', () => {
  test('offsets across each change', () => {
    expect(utcOffset(new Date('2027-03-10T15:00:00Z'), 'America/Los_Angeles')).toBe('-08:00')
    expect(utcOffset(new Date('2027-03-17T15:00:00Z'), 'America/Los_Angeles')).toBe('-07:00')
    expect(utcOffset(new Date('2027-03-17T15:00:00Z'), 'Asia/Kolkata')).toBe('+05:30')
    expect(utcOffset(new Date('2027-03-17T15:00:00Z'), 'Asia/Kathmandu')).toBe('+05:45')
    expect(utcOffset(new Date('2027-03-17T15:00:00Z'), 'UTC')).toBe('+00:00')
    expect(offsetMinutes(new Date('2026-03-01T12:00:00Z'), 'Pacific/Kiritimati')).toBe(840)
    expect(formatOffset(-570)).toBe('-09:30')
    const DAY = 86_400_000
    for (const { zone, gap, overlap, before, after } of CHANGES) {
      const spring = Date.parse(`${gap.slice(0, 10)}T12:00:00Z`)
      const autumn = Date.parse(`${overlap.slice(0, 10)}T12:00:00Z`)
      expect([offsetMinutes(new Date(spring - DAY), zone), offsetMinutes(new Date(spring + DAY), zone)]).toEqual([
        Math.min(before, after),
        Math.max(before, after),
      ])
      expect([offsetMinutes(new Date(autumn - DAY), zone), offsetMinutes(new Date(autumn + DAY), zone)]).toEqual([
        Math.max(before, after),
        Math.min(before, after),
      ])
    }
  })

  test('the instant the clocks change, to the minute', () => {
    // Paris: 28 March 2027 01:00Z is 03:00 CEST; a minute before, 01:59 CET.
    expect(toLocal(new Date('2027-03-28T00:59:00Z'), 'Europe/Paris')).toBe('2027-03-28T01:59')
    expect(toLocal(new Date('2027-03-28T01:00:00Z'), 'Europe/Paris')).toBe('2027-03-28T03:00')
    // Sydney: 4 April 2027 16:00Z is 02:00 AEST again (03:00 AEDT a moment before).
    expect(toLocal(new Date('2027-04-03T15:59:00Z'), 'Australia/Sydney')).toBe('2027-04-04T02:59')
    expect(toLocal(new Date('2027-04-03T16:00:00Z'), 'Australia/Sydney')).toBe('2027-04-04T02:00')
  })

  test('calendar fields and arithmetic keep the wall-clock time', () => {
    expect(addLocalDays('2027-03-10T20:30', 7)).toBe('2027-03-17T20:30')
    expect(addLocalDays('2027-12-29T09:00', 14)).toBe('2028-01-12T09:00')
    expect(addLocalDays('2028-02-28T09:00', 1)).toBe('2028-02-29T09:00')
    expect(wallClock(new Date('2027-03-14T12:00:00Z'), 'America/New_York')).toEqual({
      date: '2027-03-14',
      weekday: 7,
      time: '08:00',
    })
    expect(localDate(new Date('2027-03-14T23:30:00Z'), 'Asia/Kolkata')).toBe('2027-03-15')
  })
})

describe('properties', () => {
  const zones = fc.constantFrom(
    'Europe/Paris',
    'America/New_York',
    'Australia/Sydney',
    'Australia/Adelaide',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'UTC',
  )
  // Whole minutes across 2026-2029.
  const minutes = fc.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 })

  test('instant -> local -> instant is the same instant, or its twin an offset change earlier', () => {
    fc.assert(
      fc.property(zones, minutes, (zone, minute) => {
        const at = new Date(minute * 60_000)
        const back = localToInstant(toLocal(at, zone), zone)
        if (back.kind !== 'ok') return false
        const shift = at.getTime() - back.instant.getTime()
        if (shift === 0) return true
        // Only in a repeated hour, where the first occurrence wins.
        return shift > 0 && isAmbiguousLocal(at, zone) && toLocal(back.instant, zone) === toLocal(at, zone)
      }),
      { numRuns: 2000 },
    )
  })

  test('local -> instant -> local is the same wall-clock time, unless the clocks skip it', () => {
    fc.assert(
      fc.property(zones, minutes, (zone, minute) => {
        // A wall-clock time: the UTC fields of a random minute.
        const local = new Date(minute * 60_000).toISOString().slice(0, 16)
        const converted = localToInstant(local, zone)
        if (converted.kind === 'ok') return toLocal(converted.instant, zone) === local
        // Skipped: only near a change that sets the clocks forward.
        const t = Date.parse(`${local}:00Z`)
        return offsetMinutes(new Date(t - 86_400_000), zone) < offsetMinutes(new Date(t + 86_400_000), zone)
      }),
      { numRuns: 2000 },
    )
  })
})
