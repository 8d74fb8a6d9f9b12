import { describe, expect, test } from 'vitest'
import {
  addLocalDays,
  formatOffset,
  isAmbiguousLocal,
  isInWorkingHours,
  isoWeekday,
  localToUtc,
  offsetMinutes,
  toLocal,
  zoneTransitions,
} from './session-time.ts'

const instant = (local: string, zone: string) => {
  const converted = localToUtc(local, zone)
  if (converted.kind !== 'ok') throw new Error(`${local} does not exist in ${zone}`)
  return converted.instant.toISOString()
}

describe('local time to UTC', () => {
  test('fixed and daylight-saving zones', () => {
    expect(instant('2027-03-10T20:30', 'Asia/Kolkata')).toBe('2027-03-10T15:00:00.000Z')
    expect(instant('2027-03-10T07:00', 'America/Los_Angeles')).toBe('2027-03-10T15:00:00.000Z')
    expect(instant('2027-03-17T08:00', 'America/Los_Angeles')).toBe('2027-03-17T15:00:00.000Z')
    expect(instant('2027-07-01T09:00', 'Europe/Lisbon')).toBe('2027-07-01T08:00:00.000Z')
    expect(instant('2027-01-01T00:00', 'UTC')).toBe('2027-01-01T00:00:00.000Z')
    // Nepal's quarter-hour offset and a southern-hemisphere summer.
    expect(instant('2027-01-15T12:00', 'Asia/Kathmandu')).toBe('2027-01-15T06:15:00.000Z')
    expect(instant('2027-01-15T12:00', 'Australia/Sydney')).toBe('2027-01-15T01:00:00.000Z')
  })

  test('a time in the spring-forward gap does not exist', () => {
    expect(localToUtc('2027-03-14T02:30', 'America/Los_Angeles')).toEqual({ kind: 'nonexistent' })
    expect(localToUtc('2027-03-28T01:30', 'Europe/London')).toEqual({ kind: 'nonexistent' })
    // The minutes either side exist.
    expect(instant('2027-03-14T01:59', 'America/Los_Angeles')).toBe('2027-03-14T09:59:00.000Z')
    expect(instant('2027-03-14T03:00', 'America/Los_Angeles')).toBe('2027-03-14T10:00:00.000Z')
  })

  test('a time that happens twice (fall back) is its first occurrence', () => {
    expect(instant('2027-11-07T01:30', 'America/Los_Angeles')).toBe('2027-11-07T08:30:00.000Z')
    expect(isAmbiguousLocal(new Date('2027-11-07T08:30:00Z'), 'America/Los_Angeles')).toBe(true)
    expect(isAmbiguousLocal(new Date('2027-11-07T09:30:00Z'), 'America/Los_Angeles')).toBe(true)
    expect(isAmbiguousLocal(new Date('2027-11-07T10:30:00Z'), 'America/Los_Angeles')).toBe(false)
    expect(isAmbiguousLocal(new Date('2027-11-07T08:30:00Z'), 'Asia/Kolkata')).toBe(false)
  })

  test('round trip over every hour of a DST-changing year', () => {
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000) {
      const local = toLocal(new Date(t), 'America/Los_Angeles')
      const back = localToUtc(local, 'America/Los_Angeles')
      expect(back.kind).toBe('ok')
      // In the repeated hour the first occurrence wins.
      if (back.kind === 'ok') expect([0, 3_600_000]).toContain(t - back.instant.getTime())
    }
  })
})

describe('UTC to local', () => {
  test('offsets across the US change', () => {
    const before = new Date('2027-03-10T15:00:00Z')
    const after = new Date('2027-03-17T15:00:00Z')
    expect(toLocal(before, 'America/Los_Angeles')).toBe('2027-03-10T07:00')
    expect(toLocal(after, 'America/Los_Angeles')).toBe('2027-03-17T08:00')
    expect(formatOffset(offsetMinutes(before, 'America/Los_Angeles'))).toBe('-08:00')
    expect(formatOffset(offsetMinutes(after, 'America/Los_Angeles'))).toBe('-07:00')
    expect(formatOffset(offsetMinutes(after, 'Asia/Kolkata'))).toBe('+05:30')
    expect(formatOffset(0)).toBe('+00:00')
  })

  test('calendar arithmetic keeps the wall-clock time', () => {
    expect(addLocalDays('2027-03-10T20:30', 7)).toBe('2027-03-17T20:30')
    expect(addLocalDays('2027-12-29T09:00', 14)).toBe('2028-01-12T09:00')
    expect(addLocalDays('2028-02-28T09:00', 1)).toBe('2028-02-29T09:00')
    expect(isoWeekday({ year: 2027, month: 3, day: 14 })).toBe(7)
    expect(isoWeekday({ year: 2027, month: 3, day: 15 })).toBe(1)
  })
})

describe('working hours', () => {
  const ben = {
    timeZone: 'America/Los_Angeles',
    workingHoursStart: '08:00',
    workingHoursEnd: '17:00',
    workingDays: [1, 2, 3, 4, 5],
  }
  const span = (iso: string, minutes: number) => [new Date(iso), new Date(Date.parse(iso) + minutes * 60_000)] as const

  test('inside, at the edges, outside, on a day off', () => {
    expect(isInWorkingHours(...span('2027-03-17T15:00:00Z', 45), ben)).toBe(true) // Wed 08:00 PDT
    expect(isInWorkingHours(...span('2027-03-10T15:00:00Z', 45), ben)).toBe(false) // Wed 07:00 PST
    expect(isInWorkingHours(...span('2027-03-17T23:15:00Z', 45), ben)).toBe(true) // ends 17:00 sharp
    expect(isInWorkingHours(...span('2027-03-17T23:30:00Z', 45), ben)).toBe(false) // ends 17:15
    expect(isInWorkingHours(...span('2027-03-20T17:00:00Z', 45), ben)).toBe(false) // Saturday
  })

  test('a span running past midnight is never inside', () => {
    const night = { ...ben, workingHoursStart: '00:00', workingHoursEnd: '23:59', workingDays: [1, 2, 3, 4, 5, 6, 7] }
    expect(isInWorkingHours(...span('2027-03-18T06:30:00Z', 60), night)).toBe(false) // 23:30-00:30
  })
})

describe('zone transitions', () => {
  test('Los Angeles changes twice a year to the minute; Kolkata never', () => {
    const transitions = zoneTransitions('America/Los_Angeles', new Date('2027-01-01Z'), new Date('2028-01-01Z'))
    expect(transitions.map((t) => [t.at.toISOString(), t.offsetFrom, t.offsetTo])).toEqual([
      ['2027-03-14T10:00:00.000Z', -480, -420],
      ['2027-11-07T09:00:00.000Z', -420, -480],
    ])
    expect(zoneTransitions('Asia/Kolkata', new Date('2026-01-01Z'), new Date('2029-01-01Z'))).toEqual([])
  })
})
